/**
 * The out-of-office page's handover (docs/administration.md): every open task a person holds
 * goes to one colleague in one step, through each case's workflow, and the answer is shown task
 * by task — moved, still under way (the case finishes it), or refused with the case's reason.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { api, ok, problemOf } from '../api/client';
import type { components } from '../api/generated/schema';
import { describedBy, FormGroup } from './forms';
import { ProblemAlert } from './ProblemAlert';
import { useNames } from '../i18n/names';
import { useT } from '../i18n/useT';

type Result = components['schemas']['Handover'];

/** Each answer's message: a new answer in the API fails this build until it has words. */
const RESULT_TEXT: Record<Result['items'][number]['result'], string> = {
  moved: 'handover.moved',
  pending: 'handover.pending',
  refused: 'handover.refused',
};

export function Handover({
  personId,
  held,
  colleagues,
  onDone,
}: {
  personId: string;
  held: number;
  colleagues: { id: string; name?: string; email?: string }[];
  onDone: () => void;
}) {
  const t = useT();
  const name = useNames();
  const [toId, setToId] = useState('');
  const hand = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/v1/people/{personId}/handover', { params: { path: { personId } }, body: { toId } })),
    onSuccess: onDone,
  });
  const problem = problemOf(hand.error);
  const toError = problem?.code === 'invalid_substitute' ? problem.detail : undefined;
  const hint = t('handover.held', { held });
  const result = hand.data;
  return (
    <section aria-labelledby="handover-heading">
      <h2 id="handover-heading">{t('handover.title')}</h2>
      <form
        className="usa-form usa-form--large"
        onSubmit={(e) => {
          e.preventDefault();
          hand.mutate();
        }}
      >
        <FormGroup id="handover-to" label={t('handover.to')} hint={hint} error={toError}>
          <select
            className={`usa-select${toError ? ' usa-input--error' : ''}`}
            id="handover-to"
            required
            value={toId}
            aria-invalid={toError ? true : undefined}
            aria-describedby={describedBy('handover-to', hint, toError)}
            onChange={(e) => setToId(e.target.value)}
          >
            <option value="">{t('handover.choose')}</option>
            {colleagues.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name ?? s.id}
              </option>
            ))}
          </select>
        </FormGroup>
        {toError ? null : <ProblemAlert error={hand.error} />}
        <button type="submit" className="usa-button" disabled={hand.isPending}>
          {t('handover.submit')}
        </button>
      </form>
      {result ? (
        <div role="status">
          <p>{t('handover.summary', { moved: result.moved, pending: result.pending, refused: result.refused })}</p>
          {result.items.length ? (
            <table className="usa-table usa-table--borderless usa-table--stacked width-full">
              <caption>{t('handover.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('handover.task')}</th>
                  <th scope="col">{t('handover.case')}</th>
                  <th scope="col">{t('handover.answer')}</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((i) => (
                  <tr key={i.taskId}>
                    <th scope="row" data-label={t('handover.task')}>
                      {i.title ?? i.taskId}
                    </th>
                    <td data-label={t('handover.case')}>
                      <Link className="usa-link" to={`/cases/${i.caseId}`}>
                        {i.caseId}
                      </Link>
                    </td>
                    <td data-label={t('handover.answer')}>
                      {t(RESULT_TEXT[i.result])}
                      {i.code ? ` (${name('refusal', i.code)})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
