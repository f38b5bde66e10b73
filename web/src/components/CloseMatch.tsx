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
      <Choice id="close-reason" label={t('closeMatch.reason')} value={reason} onChange={setReason}>
        {REASONS.map((r) => [r, name('closure', r)])}
      </Choice>
      <Choice id="close-kind" label={t('closeMatch.kind')} value={kind} onChange={setKind}>
        {KINDS.map((k) => [k, name('choice', k)])}
      </Choice>
      <Choice id="close-initiated" label={t('closeMatch.initiatedBy')} value={initiatedBy} onChange={setInitiatedBy}>
        {INITIATORS.map((k) => [k, name('choice', k)])}
      </Choice>
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

/** A labelled choice of codes, each shown by its name. */
function Choice<T extends string>({
  id,
  label,
  value,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: T;
  onChange: (v: T) => void;
  children: [T, string][];
}) {
  return (
    <>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <select className="usa-select" id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {children.map(([code, words]) => (
          <option key={code} value={code}>
            {words}
          </option>
        ))}
      </select>
    </>
  );
}
