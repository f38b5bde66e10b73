/**
 * Hours logged against a case from its page — a screening's training, a certified ECE
 * mentor's professional development, a placement's hours: a date, hours in steps of 0.25
 * and what they were. The API's message for a field shows beside it; the case reloads.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fieldError, FormGroup, TextField } from './forms';
import { ProblemAlert } from './ProblemAlert';
import { laToday } from '../la-date';
import { useT } from '../i18n/useT';

export interface HoursEntry {
  date: string;
  hours: number;
  text: string;
}

export function HoursForm({
  id,
  caseId,
  heading,
  textLabel,
  textField,
  submit,
  post,
}: {
  /** Prefix of the fields' ids. */ id: string;
  caseId: string;
  heading: string;
  /** The label of what the hours were, and its name in the API's body (for its message). */ textLabel: string;
  textField: string;
  submit: string;
  post: (entry: HoursEntry) => Promise<unknown>;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [f, setF] = useState({ date: laToday(), hours: '1', text: '' });
  const log = useMutation({
    mutationFn: () => post({ date: f.date, hours: Number(f.hours), text: f.text }),
    onSuccess: () => {
      setF({ ...f, text: '' });
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  const send = (e: FormEvent) => {
    e.preventDefault();
    log.mutate();
  };
  return (
    <form className="usa-form" onSubmit={send} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <TextField
        id={`${id}-date`}
        label={t('hours.date')}
        type="date"
        value={f.date}
        error={fieldError(log.error, 'date')}
        onChange={(v) => setF({ ...f, date: v })}
      />
      <FormGroup
        id={`${id}-hours`}
        label={t('hours.hours')}
        hint={t('hours.hint')}
        error={fieldError(log.error, 'hours')}
      >
        <input
          className="usa-input usa-input--small"
          id={`${id}-hours`}
          type="number"
          min={0.25}
          max={24}
          step={0.25}
          required
          value={f.hours}
          aria-describedby={`${id}-hours-hint`}
          onChange={(e) => setF({ ...f, hours: e.target.value })}
        />
      </FormGroup>
      <TextField
        id={`${id}-text`}
        label={textLabel}
        value={f.text}
        error={fieldError(log.error, textField)}
        onChange={(v) => setF({ ...f, text: v })}
      />
      <ProblemAlert error={log.error} heading={t('hours.refused')} />
      {log.isSuccess ? <p role="status">{t('hours.logged')}</p> : null}
      <button type="submit" className="usa-button margin-top-2" disabled={log.isPending}>
        {submit}
      </button>
    </form>
  );
}
