/**
 * Closing a match (its case worker): why it ends, whether it was planned, who started it and
 * notes for the file. The process then asks for the closure meeting and the youth's rematch
 * decision before it closes.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { ProblemAlert } from './ProblemAlert';
import { useNames } from '../i18n/names';
import { useT } from '../i18n/useT';

const REASONS = ['planned', 'mentor_moved', 'youth_moved', 'safety', 'lost_contact', 'other'] as const;
const KINDS = ['planned', 'unplanned'] as const;
const INITIATORS = ['program', 'mentor', 'youth', 'caregiver'] as const;

export function CloseMatch({ caseId }: { caseId: string }) {
  const t = useT();
  const name = useNames();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<(typeof REASONS)[number]>('planned');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('planned');
  const [initiatedBy, setInitiatedBy] = useState<(typeof INITIATORS)[number]>('program');
  const [notes, setNotes] = useState('');
  const close = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/foster/matches/{caseId}/close', {
          params: { path: { caseId } },
          body: { reason, kind, initiatedBy, notes },
        }),
      ),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  if (!open)
    return (
      <button type="button" className="usa-button usa-button--secondary margin-y-2" onClick={() => setOpen(true)}>
        {t('closeMatch.open')}
      </button>
    );
  return (
    <form
      className="usa-form margin-y-3"
      aria-labelledby="close-heading"
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate();
      }}
    >
      <h2 id="close-heading">{t('closeMatch.heading')}</h2>
      <label className="usa-label" htmlFor="close-reason">
        {t('closeMatch.reason')}
      </label>
      <select
        className="usa-select"
        id="close-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value as typeof reason)}
      >
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {name('closure', r)}
          </option>
        ))}
      </select>
      <label className="usa-label" htmlFor="close-kind">
        {t('closeMatch.kind')}
      </label>
      <select
        className="usa-select"
        id="close-kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as typeof kind)}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {name('choice', k)}
          </option>
        ))}
      </select>
      <label className="usa-label" htmlFor="close-initiated">
        {t('closeMatch.initiatedBy')}
      </label>
      <select
        className="usa-select"
        id="close-initiated"
        value={initiatedBy}
        onChange={(e) => setInitiatedBy(e.target.value as typeof initiatedBy)}
      >
        {INITIATORS.map((k) => (
          <option key={k} value={k}>
            {name('choice', k)}
          </option>
        ))}
      </select>
      <label className="usa-label" htmlFor="close-notes">
        {t('closeMatch.notes')}
      </label>
      <textarea
        className="usa-textarea"
        id="close-notes"
        rows={3}
        required
        maxLength={2000}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
      />
      <ProblemAlert error={close.error} heading={t('closeMatch.refused')} />
      <button type="submit" className="usa-button usa-button--secondary margin-top-2" disabled={close.isPending}>
        {t('closeMatch.close')}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-left-2" onClick={() => setOpen(false)}>
        {t('closeMatch.cancel')}
      </button>
    </form>
  );
}
