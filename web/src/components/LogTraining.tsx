/**
 * Logs a screening's training hours (a mentor's pre-match training, a caller's hours on
 * check-in calls and mandated reporting) from the case page, for its case worker or a
 * case supervisor. The API refuses anyone else with the rule's message.
 */
import { api, ok } from '../api/client';
import { HoursForm } from './HoursForm';
import { useT } from '../i18n/useT';

export function LogTraining({ caseId, caller }: { caseId: string; caller: boolean }) {
  const t = useT();
  return (
    <HoursForm
      id="training"
      caseId={caseId}
      heading={t('training.log')}
      textLabel={t('training.module')}
      textField="module"
      submit={t('training.log')}
      post={({ date, hours, text }) => {
        const body = { date, hours, module: text };
        return caller
          ? ok(api.POST('/api/v1/wellness/callers/{caseId}/training', { params: { path: { caseId } }, body }))
          : ok(api.POST('/api/v1/foster/mentors/{caseId}/training', { params: { path: { caseId } }, body }));
      }}
    />
  );
}
