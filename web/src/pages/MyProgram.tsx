/**
 * A program's own page for its staff: the directory entry and its level, the program's
 * certification cases (open ones first, each a link to its case page), and applying for
 * certification — as an Affiliate, or as a Partner once the program has run 12 months —
 * and its volunteer referral settings.
 */
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { api, ok } from '../api/client';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { ReferralSettings } from '../components/ReferralSettings';
import { useSession } from '../session';
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

export function MyProgram() {
  const t = useT();
  const name = useNames();
  const navigate = useNavigate();
  const programId = useSession()?.person.programId ?? '';
  const program = useQuery({
    queryKey: ['program', programId],
    enabled: !!programId,
    queryFn: () => ok(api.GET('/api/v1/programs/{programId}', { params: { path: { programId } } })),
  });
  const cases = useQuery({
    queryKey: ['cases', 'certification'],
    queryFn: () => ok(api.GET('/api/v1/cases', { params: { query: { type: 'certification' } } })),
  });
  const [level, setLevel] = useState<'affiliate' | 'partner'>('affiliate');
  const apply = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/programs/{programId}/certifications', { params: { path: { programId } }, body: { level } })),
    onSuccess: (c) => void navigate(`/cases/${c.id}`),
  });
  const p = program.data;
  const open = (cases.data?.items ?? []).filter((c) => c.status === 'open');
  return (
    <Page title={p ? p.name : t('myProgram.title')}>
      {!programId ? <p>{t('myProgram.noProgram')}</p> : null}
      <ProblemAlert error={program.error ?? cases.error} />
      {p ? (
        <ul className="usa-list usa-list--unstyled mf-facts">
          <li>
            <strong>{t('myProgram.organization')}</strong> {p.organization}
          </li>
          <li>
            <strong>{t('myProgram.county')}</strong> {p.county}
          </li>
          <li>
            <strong>{t('myProgram.level')}</strong> {t(`level.${p.level}`)}
            {p.certifiedUntil ? t('myProgram.until', { date: p.certifiedUntil }) : ''}
          </li>
        </ul>
      ) : null}
      <h2>{t('myProgram.certification')}</h2>
      {cases.data?.items.length ? (
        <ul className="usa-list">
          {cases.data.items.map((c) => (
            <li key={c.id}>
              <Link className="usa-link" to={`/cases/${c.id}`}>
                {c.subject}
              </Link>{' '}
              — {name('stage', c.stage)} ({name('status', c.status).toLowerCase()})
            </li>
          ))}
        </ul>
      ) : cases.data ? (
        <p>{t('myProgram.none')}</p>
      ) : null}
      {programId && !open.length ? (
        <form
          className="usa-form"
          onSubmit={(e) => {
            e.preventDefault();
            apply.mutate();
          }}
          aria-labelledby="apply-heading"
        >
          <h3 id="apply-heading">{t('myProgram.apply')}</h3>
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">{t('myProgram.levelToApply')}</legend>
            {(['affiliate', 'partner'] as const).map((l) => (
              <div className="usa-radio" key={l}>
                <input
                  className="usa-radio__input"
                  type="radio"
                  id={`level-${l}`}
                  name="level"
                  value={l}
                  checked={level === l}
                  onChange={() => setLevel(l)}
                />
                <label className="usa-radio__label" htmlFor={`level-${l}`}>
                  {l === 'affiliate' ? t('myProgram.affiliate') : t('myProgram.partner')}
                </label>
              </div>
            ))}
          </fieldset>
          <ProblemAlert error={apply.error} heading={t('myProgram.refused')} />
          <button type="submit" className="usa-button margin-top-2" disabled={apply.isPending}>
            {t('myProgram.submit')}
          </button>
        </form>
      ) : null}
      {p ? <ReferralSettings key={p.id} programId={p.id} county={p.county} saved={p.referrals} /> : null}
    </Page>
  );
}
