/**
 * The program's side of a work plan: each item still open (or rejected by the reviewer)
 * takes the evidence that it is done; the reviewer then verifies or rejects it.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { useNames } from '../i18n/names';
import { ProblemAlert } from './ProblemAlert';
import { useT } from '../i18n/useT';

export interface WorkPlanItem {
  id: string;
  standard: string;
  description: string;
  dueDate: string;
  status: string;
  evidence?: string;
}

function ItemForm({ caseId, item }: { caseId: string; item: WorkPlanItem }) {
  const t = useT();
  const name = useNames();
  const queryClient = useQueryClient();
  const [evidence, setEvidence] = useState('');
  const send = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/certifications/{caseId}/work-plan/{itemId}/complete', {
          params: { path: { caseId, itemId: item.id } },
          body: { evidence },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['case', caseId] }),
  });
  const id = `evidence-${item.id}`;
  return (
    <form
      className="usa-form margin-bottom-3"
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <p className="margin-bottom-05">
        <strong>{name('standard', item.standard)}:</strong> {item.description}{' '}
        {t(item.status === 'rejected' ? 'workPlan.dueRejected' : 'workPlan.due', { date: item.dueDate })}
      </p>
      <label className="usa-label" htmlFor={id}>
        {t('workPlan.evidenceFor', { what: item.description })}
      </label>
      <textarea
        className="usa-textarea"
        id={id}
        rows={2}
        required
        maxLength={2000}
        value={evidence}
        onChange={(e) => setEvidence(e.target.value)}
      />
      <ProblemAlert error={send.error} />
      <button type="submit" className="usa-button margin-top-1" disabled={send.isPending}>
        {t('workPlan.submit')}
      </button>
    </form>
  );
}

export function WorkPlanActions({ caseId, items }: { caseId: string; items: WorkPlanItem[] }) {
  const t = useT();
  const todo = items.filter((i) => i.status === 'open' || i.status === 'rejected');
  if (!todo.length) return null;
  return (
    <section aria-labelledby="work-plan-heading" className="margin-y-3">
      <h2 id="work-plan-heading">{t('workPlan.heading')}</h2>
      {todo.map((item) => (
        <ItemForm key={item.id} caseId={caseId} item={item} />
      ))}
    </section>
  );
}
