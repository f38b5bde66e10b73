/**
 * A partnership coordinator offers an open referral to programs picked by hand, at any
 * time: the directory's members that take referrals (any county), not offered before.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { ProblemAlert } from './ProblemAlert';
import { useT } from '../i18n/useT';

export function OfferByHand({ caseId, offered }: { caseId: string; offered: string[] }) {
  const t = useT();
  const queryClient = useQueryClient();
  const programs = useQuery({
    queryKey: ['programs', 'accepting'],
    queryFn: () => ok(api.GET('/api/v1/programs', { params: { query: { accepting: 'true', limit: 200 } } })),
  });
  const [picked, setPicked] = useState<string[]>([]);
  const offer = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/referrals/{caseId}/offers', { params: { path: { caseId } }, body: { programIds: picked } })),
    onSuccess: () => {
      setPicked([]);
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  const choices = (programs.data?.items ?? []).filter((p) => p.level !== 'none' && !offered.includes(p.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    offer.mutate();
  };
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} aria-labelledby="offer-heading">
      <h2 id="offer-heading">{t('offer.heading')}</h2>
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t('offer.programs')}</legend>
        {choices.map((p) => (
          <div className="usa-checkbox" key={p.id}>
            <input
              className="usa-checkbox__input"
              id={`offer-${p.id}`}
              type="checkbox"
              checked={picked.includes(p.id)}
              onChange={(e) => setPicked(e.target.checked ? [...picked, p.id] : picked.filter((x) => x !== p.id))}
            />
            <label className="usa-checkbox__label" htmlFor={`offer-${p.id}`}>
              {p.name} — {p.county}
            </label>
          </div>
        ))}
        {programs.data && !choices.length ? <p>{t('offer.none')}</p> : null}
      </fieldset>
      <ProblemAlert error={programs.error ?? offer.error} heading={t('offer.refused')} />
      <button
        type="submit"
        className="usa-button margin-top-2"
        disabled={offer.isPending || !picked.length || picked.length > 3}
      >
        {t('offer.offer')}
      </button>
    </form>
  );
}
