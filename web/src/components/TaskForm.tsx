/**
 * An open task as a form: fields generated from the task type's data schema (the
 * `TaskData_<type>` schemas of /openapi.json: text, numbers, yes/no, choices; nested
 * lists as JSON), an optional comment, and one button per outcome. A refusal shows the
 * rule's message here, where the person acted; nothing they typed is lost.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Task } from '../api/client';
import { ProblemAlert } from './ProblemAlert';
import { dueText, humanize } from './format';

interface JsonSchema { type?: string; enum?: string[]; properties?: Record<string, JsonSchema>; required?: string[]; minimum?: number; maximum?: number; maxLength?: number; items?: JsonSchema }

function useTaskSchema(type: string) {
  return useQuery({
    queryKey: ['openapi'],
    queryFn: async () => (await (await fetch('/openapi.json')).json()) as { components: { schemas: Record<string, JsonSchema> } },
    staleTime: Infinity,
    select: (doc) => doc.components.schemas[`TaskData_${type}`],
  });
}

function Field({ name, schema, required, value, onChange, idPrefix }: { name: string; schema: JsonSchema; required: boolean; value: unknown; onChange: (v: unknown) => void; idPrefix: string }) {
  const id = `${idPrefix}-${name}`;
  const label = <label className="usa-label" htmlFor={id}>{humanize(name)}{required ? <abbr title="required" className="usa-hint usa-hint--required"> *</abbr> : null}</label>;
  if (schema.type === 'boolean') {
    return (
      <div className="usa-checkbox margin-top-2">
        <input className="usa-checkbox__input" id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        <label className="usa-checkbox__label" htmlFor={id}>{humanize(name)}</label>
      </div>
    );
  }
  if (schema.enum) {
    return (
      <div className="usa-form-group">{label}
        <select className="usa-select" id={id} required={required} value={String(value ?? '')} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">- Select -</option>
          {schema.enum.map((o) => <option key={o} value={o}>{humanize(o)}</option>)}
        </select>
      </div>
    );
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return (
      <div className="usa-form-group">{label}
        <input className="usa-input usa-input--small" id={id} type="number" required={required} min={schema.minimum} max={schema.maximum} step={schema.type === 'integer' ? 1 : 0.25}
          value={value === undefined ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />
      </div>
    );
  }
  if (schema.type === 'string') {
    return (
      <div className="usa-form-group">{label}
        <textarea className="usa-textarea" id={id} rows={2} required={required} maxLength={schema.maxLength} value={String(value ?? '')} onChange={(e) => onChange(e.target.value || undefined)} />
      </div>
    );
  }
  // Objects and lists (a work plan's items, per-standard findings): JSON, checked by the API.
  return (
    <div className="usa-form-group">{label}
      <span className="usa-hint" id={`${id}-hint`}>JSON</span>
      <textarea className="usa-textarea mf-json" id={id} aria-describedby={`${id}-hint`} rows={4}
        defaultValue={value === undefined ? '' : JSON.stringify(value, null, 2)}
        onChange={(e) => {
          try {
            onChange(e.target.value.trim() ? JSON.parse(e.target.value) : undefined);
          } catch {
            onChange(e.target.value);
          }
        }} />
    </div>
  );
}

export function TaskForm({ task, caseId, onDone }: { task: Task; caseId: string; onDone: (outcome: string) => void }) {
  const schema = useTaskSchema(task.type);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<string>();
  const queryClient = useQueryClient();
  const complete = useMutation({
    mutationFn: (outcome: string) => ok(api.POST('/api/v1/tasks/{taskId}/complete', {
      params: { path: { taskId: task.id } },
      body: { outcome, ...(comment ? { comment } : {}), ...(Object.keys(data).length ? { data } : {}) },
    })),
    onSuccess: (_r, outcome) => {
      setDone(outcome);
      onDone(outcome);
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const fields = Object.entries(schema.data?.properties ?? {});
  const formId = `task-${task.id}`;
  // The browser checks required fields first; the button pressed names the outcome.
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const outcome = ((e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;
    if (outcome) complete.mutate(outcome);
  };
  return (
    <section className="usa-summary-box margin-y-3" aria-labelledby={`${formId}-heading`}>
      <div className="usa-summary-box__body">
        <h2 className="usa-summary-box__heading" id={`${formId}-heading`}>{task.title}</h2>
        <p className="margin-top-0">{humanize(task.type)} · {dueText(task.dueAt)}{task.escalated ? ' · escalated' : ''}</p>
        {done ? null : (
          <form className="usa-form usa-form--large" onSubmit={submit} aria-label={task.title}>
            {fields.map(([name, s]) => (
              <Field key={name} name={name} schema={s} idPrefix={formId} required={schema.data?.required?.includes(name) ?? false} value={data[name]}
                onChange={(v) => setData((d) => { const next = { ...d }; if (v === undefined) delete next[name]; else next[name] = v; return next; })} />
            ))}
            <div className="usa-form-group">
              <label className="usa-label" htmlFor={`${formId}-comment`}>Comment (optional)</label>
              <textarea className="usa-textarea" id={`${formId}-comment`} rows={2} maxLength={5000} value={comment} onChange={(e) => setComment(e.target.value)} />
            </div>
            <ProblemAlert error={complete.error} heading="This was refused" />
            <ul className="usa-button-group margin-top-2">
              {task.outcomes.map((o) => (
                <li className="usa-button-group__item" key={o}>
                  <button type="submit" className={`usa-button${/deny|reject|decline|fail|flagged/.test(o) ? ' usa-button--secondary' : ''}`} name="outcome" value={o} disabled={complete.isPending}>{humanize(o)}</button>
                </li>
              ))}
            </ul>
          </form>
        )}
      </div>
    </section>
  );
}
