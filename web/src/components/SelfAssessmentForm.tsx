/**
 * The self-assessment of a certification, for the program's staff: every question of the
 * version of the bank the case started with, grouped by standard, each in the person's language (English
 * when the bank has no wording in it), answered yes / partially / no with optional evidence. "Save
 * draft" keeps the answers on the server (the case holds them; coming back later finds
 * them), "Submit" saves and hands the assessment to a reviewer — refused, with the rule's
 * message, until every question is answered.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { ProblemAlert } from './ProblemAlert';
import { useNames } from '../i18n/names';
import { useQuestionText } from '../i18n/question-text';
import { useT } from '../i18n/useT';

export interface Answer {
  questionId: string;
  response: 'yes' | 'partially' | 'no';
  evidence?: string;
}
const RESPONSES = ['yes', 'partially', 'no'] as const;

/** One version of the question bank (a version never changes: fetched once). */
export const useQuestions = (version: number) =>
  useQuery({
    queryKey: ['questions', version],
    queryFn: () => ok(api.GET('/api/v1/certifications/questions', { params: { query: { version } } })),
    staleTime: Infinity,
  });

export function SelfAssessmentForm({ caseId, version, saved }: { caseId: string; version: number; saved: Answer[] }) {
  const t = useT();
  const name = useNames();
  const textOf = useQuestionText();
  const queryClient = useQueryClient();
  const questions = useQuestions(version);
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries(saved.map((a) => [a.questionId, a])),
  );
  const [savedAt, setSavedAt] = useState<Date>();
  const body = () => ({
    answers: Object.values(answers).map((a) => ({
      questionId: a.questionId,
      response: a.response,
      ...(a.evidence ? { evidence: a.evidence } : {}),
    })),
  });
  const save = useMutation({
    mutationFn: () =>
      ok(api.PUT('/api/v1/certifications/{caseId}/self-assessment', { params: { path: { caseId } }, body: body() })),
    onSuccess: () => setSavedAt(new Date()),
  });
  const submit = useMutation({
    mutationFn: async () => {
      await ok(
        api.PUT('/api/v1/certifications/{caseId}/self-assessment', { params: { path: { caseId } }, body: body() }),
      );
      return ok(api.POST('/api/v1/certifications/{caseId}/self-assessment/submit', { params: { path: { caseId } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['case', caseId] }),
  });
  const items = questions.data?.items ?? [];
  const standards = [...new Set(items.map((q) => q.standard))];
  const set = (questionId: string, change: Partial<Answer>) =>
    setAnswers((x) => ({
      ...x,
      [questionId]: { questionId, response: x[questionId]?.response ?? 'yes', ...x[questionId], ...change },
    }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };
  return (
    <section aria-labelledby="assessment-heading" className="margin-y-3">
      <h2 id="assessment-heading">{t('assessment.heading')}</h2>
      <p>{t('assessment.progress', { answered: Object.keys(answers).length, total: items.length })}</p>
      <ProblemAlert error={questions.error} />
      <form className="usa-form usa-form--large" onSubmit={onSubmit} aria-labelledby="assessment-heading">
        {standards.map((standard) => (
          <fieldset key={standard} className="usa-fieldset margin-top-3">
            <legend className="usa-legend usa-legend--large">{name('standard', standard)}</legend>
            {items
              .filter((q) => q.standard === standard)
              .map((q) => (
                <fieldset key={q.id} className="usa-fieldset margin-top-2">
                  <legend className="usa-legend">{textOf(q)}</legend>
                  <div className="mf-choices">
                    {RESPONSES.map((r) => (
                      <div key={r} className="usa-radio">
                        <input
                          className="usa-radio__input"
                          type="radio"
                          id={`${q.id}-${r}`}
                          name={q.id}
                          value={r}
                          checked={answers[q.id]?.response === r}
                          onChange={() => set(q.id, { response: r })}
                        />
                        <label className="usa-radio__label" htmlFor={`${q.id}-${r}`}>
                          {name('answer', r)}
                        </label>
                      </div>
                    ))}
                  </div>
                  <label className="usa-label" htmlFor={`${q.id}-evidence`}>
                    {t('assessment.evidence')}
                  </label>
                  <textarea
                    className="usa-textarea mf-evidence"
                    id={`${q.id}-evidence`}
                    rows={2}
                    maxLength={2000}
                    value={answers[q.id]?.evidence ?? ''}
                    onChange={(e) => set(q.id, { evidence: e.target.value })}
                  />
                </fieldset>
              ))}
          </fieldset>
        ))}
        <div role="status" className="margin-top-2">
          {savedAt && !save.isPending ? <p>{t('assessment.savedAt', { time: savedAt })}</p> : null}
        </div>
        <ProblemAlert error={save.error ?? submit.error} heading={t('assessment.refused')} />
        <button
          type="button"
          className="usa-button usa-button--outline"
          disabled={save.isPending || submit.isPending}
          onClick={() => save.mutate()}
        >
          {t('assessment.save')}
        </button>
        <button type="submit" className="usa-button" disabled={save.isPending || submit.isPending}>
          {t('assessment.submit')}
        </button>
      </form>
    </section>
  );
}
