/**
 * An open task as a form: fields generated from the task type's data schema (the
 * `TaskData_<type>` schemas of /openapi.json, see TaskFields.tsx), an optional comment,
 * and one button per outcome. A refusal shows the rule's message here, where the person
 * acted; nothing they typed is lost.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Task } from '../api/client';
import { ProblemAlert } from './ProblemAlert';
import { dueText } from './format';
import { useT } from '../i18n/useT';
import { Field, type Choices, type JsonSchema } from './TaskFields';
import { useNames } from '../i18n/names';

function useTaskSchema(type: string) {
  return useQuery({
    queryKey: ['openapi'],
    queryFn: async () =>
      (await (await fetch('/openapi.json')).json()) as { components: { schemas: Record<string, JsonSchema> } },
    staleTime: Infinity,
    select: (doc) => doc.components.schemas[`TaskData_${type}`],
  });
}

export function TaskForm({
  task,
  caseId,
  onDone,
  choices,
}: {
  task: Task;
  caseId: string;
  onDone: (outcome: string) => void;
  choices?: Choices;
}) {
  const t = useT();
  const name = useNames();
  const schema = useTaskSchema(task.type);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<string>();
  const queryClient = useQueryClient();
  const complete = useMutation({
    mutationFn: (outcome: string) =>
      ok(
        api.POST('/api/v1/tasks/{taskId}/complete', {
          params: { path: { taskId: task.id } },
          body: { outcome, ...(comment ? { comment } : {}), ...(Object.keys(data).length ? { data } : {}) },
        }),
      ),
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
        <h2 className="usa-summary-box__heading" id={`${formId}-heading`}>
          {task.title}
        </h2>
        <p className="margin-top-0">
          {name('type', task.type)} · {dueText(task.dueAt, t)}
          {task.escalated ? t('task.escalated') : ''}
        </p>
        {done ? null : (
          <form className="usa-form usa-form--large" onSubmit={submit} aria-label={task.title}>
            {fields.map(([name, s]) => (
              <Field
                key={name}
                name={name}
                schema={s}
                idPrefix={formId}
                choices={choices}
                required={schema.data?.required?.includes(name) ?? false}
                value={data[name]}
                onChange={(v) =>
                  setData((d) => {
                    const next = { ...d };
                    if (v === undefined) delete next[name];
                    else next[name] = v;
                    return next;
                  })
                }
              />
            ))}
            <div className="usa-form-group">
              <label className="usa-label" htmlFor={`${formId}-comment`}>
                {t('task.comment')}
              </label>
              <textarea
                className="usa-textarea"
                id={`${formId}-comment`}
                rows={2}
                maxLength={5000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            </div>
            <ProblemAlert error={complete.error} heading={t('task.refused')} />
            <ul className="usa-button-group margin-top-2">
              {task.outcomes.map((o) => (
                <li className="usa-button-group__item" key={o}>
                  <button
                    type="submit"
                    className={`usa-button${/deny|reject|decline|fail|flagged/.test(o) ? ' usa-button--secondary' : ''}`}
                    name="outcome"
                    value={o}
                    disabled={complete.isPending}
                  >
                    {name('outcome', o)}
                  </button>
                </li>
              ))}
            </ul>
          </form>
        )}
      </div>
    </section>
  );
}
