/**
 * Closing a youth's referral that ends without a match (its case worker or a case
 * supervisor): the youth left care, moved, or the family declined. Not while in a match.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { ProblemAlert } from './ProblemAlert';
import { useT } from '../i18n/useT';

export function CloseYouthReferral({ caseId }: { caseId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const close = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/foster/youth/{caseId}/close', { params: { path: { caseId } }, body: { reason } })),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  if (!open)
    return (
      <button type="button" className="usa-button usa-button--secondary margin-y-2" onClick={() => setOpen(true)}>
        {t('closeReferral.open')}
      </button>
    );
  return (
    <form
      className="usa-form margin-y-3"
      aria-labelledby="close-referral-heading"
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate();
      }}
    >
      <h2 id="close-referral-heading">{t('closeReferral.heading')}</h2>
      <label className="usa-label" htmlFor="close-referral-reason">
        {t('closeReferral.why')}
      </label>
      <textarea
        className="usa-textarea"
        id="close-referral-reason"
        rows={3}
        required
        maxLength={2000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ProblemAlert error={close.error} heading={t('closeReferral.refused')} />
      <button type="submit" className="usa-button usa-button--secondary margin-top-2" disabled={close.isPending}>
        {t('closeReferral.close')}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-left-2" onClick={() => setOpen(false)}>
        {t('closeReferral.cancel')}
      </button>
    </form>
  );
}
