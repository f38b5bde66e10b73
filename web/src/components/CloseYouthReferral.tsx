/**
 * Closing a youth's referral that ends without a match (its case worker or a case
 * supervisor): the youth left care, moved, or the family declined. Not while in a match.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { ProblemAlert } from './ProblemAlert';

export function CloseYouthReferral({ caseId }: { caseId: string }) {
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
        Close this referral…
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
      <h2 id="close-referral-heading">Close this referral</h2>
      <label className="usa-label" htmlFor="close-referral-reason">
        Why it ends without a match
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
      <ProblemAlert error={close.error} heading="The referral was not closed" />
      <button type="submit" className="usa-button usa-button--secondary margin-top-2" disabled={close.isPending}>
        Close the referral
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-left-2" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
