/**
 * Logs a screening's training hours (a mentor's pre-match training, a caller's hours on
 * check-in calls and mandated reporting) from the case page, for its case worker or a
 * case supervisor. The API refuses anyone else with the rule's message.
 */
import { api, ok } from '../api/client';
import { HoursForm } from './HoursForm';

export function LogTraining({ caseId, caller }: { caseId: string; caller: boolean }) {
  return (
    <HoursForm
      id="training"
      caseId={caseId}
      heading="Log training"
      textLabel="Module"
      textField="module"
      submit="Log training"
      post={({ date, hours, text }) => {
        const body = { date, hours, module: text };
        return caller
          ? ok(api.POST('/api/v1/wellness/callers/{caseId}/training', { params: { path: { caseId } }, body }))
          : ok(api.POST('/api/v1/foster/mentors/{caseId}/training', { params: { path: { caseId } }, body }));
      }}
    />
  );
}
