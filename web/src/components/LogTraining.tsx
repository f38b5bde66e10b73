/**
 * Logs a screening's training hours (a mentor's pre-match training, a caller's hours on
 * check-in calls and mandated reporting) from the case page, for its case worker or a
 * case supervisor. The API refuses anyone else with the rule's message.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { fieldError, FormGroup, TextField } from './forms';
import { ProblemAlert } from './ProblemAlert';

export function LogTraining({ caseId, caller }: { caseId: string; caller: boolean }) {
  const queryClient = useQueryClient();
  const [f, setF] = useState({ date: new Date().toISOString().slice(0, 10), hours: '1', module: '' });
  const log = useMutation({
    mutationFn: () => {
      const body = { date: f.date, hours: Number(f.hours), module: f.module };
      return caller
        ? ok(api.POST('/api/v1/wellness/callers/{caseId}/training', { params: { path: { caseId } }, body }))
        : ok(api.POST('/api/v1/foster/mentors/{caseId}/training', { params: { path: { caseId } }, body }));
    },
    onSuccess: () => {
      setF({ ...f, module: '' });
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    log.mutate();
  };
  return (
    <form className="usa-form" onSubmit={submit} aria-labelledby="training-heading">
      <h2 id="training-heading">Log training</h2>
      <TextField id="training-date" label="Date" type="date" value={f.date} error={fieldError(log.error, 'date')} onChange={(v) => setF({ ...f, date: v })} />
      <FormGroup id="training-hours" label="Hours" hint="In steps of 0.25" error={fieldError(log.error, 'hours')}>
        <input className="usa-input usa-input--small" id="training-hours" type="number" min={0.25} max={24} step={0.25} required value={f.hours} aria-describedby="training-hours-hint" onChange={(e) => setF({ ...f, hours: e.target.value })} />
      </FormGroup>
      <TextField id="training-module" label="Module" value={f.module} error={fieldError(log.error, 'module')} onChange={(v) => setF({ ...f, module: v })} />
      <ProblemAlert error={log.error} heading="The training was refused" />
      {log.isSuccess ? <p role="status">Logged.</p> : null}
      <button type="submit" className="usa-button margin-top-2" disabled={log.isPending}>Log training</button>
    </form>
  );
}
