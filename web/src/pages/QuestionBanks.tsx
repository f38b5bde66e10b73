/**
 * The certification question bank for administrators (docs/administration.md, "Words"): every
 * published version with who published it and why, the questions of one version grouped by
 * standard, and a form to publish a new version from JSON (pasted or read from a file). The
 * API checks the whole bank; its refusal lists each problem with the question it is in.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { components } from '../api/generated/schema';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useNames } from '../i18n/names';
import { useQuestionText } from '../i18n/question-text';
import { useT } from '../i18n/useT';

type Question = components['schemas']['AssessmentQuestion'];
type NewBank = { questions: Question[]; reason: string };

/** The pasted text as the body of a new version: a list of questions, or an object holding one (else `notAList`). */
function parseQuestions(text: string, notAList: string): Question[] {
  const parsed: unknown = JSON.parse(text);
  const list = Array.isArray(parsed) ? parsed : (parsed as { questions?: unknown })?.questions;
  if (!Array.isArray(list)) throw new Error(notAList);
  return list as Question[];
}

export function QuestionBanks() {
  const t = useT();
  const name = useNames();
  const textOf = useQuestionText();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<number>();
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [parseError, setParseError] = useState<unknown>(null);
  const versions = useQuery({
    queryKey: ['question-banks'],
    queryFn: () => ok(api.GET('/api/v1/certifications/question-banks')),
  });
  const newest = versions.data?.items[0]?.version;
  const version = shown ?? newest;
  const bank = useQuery({
    queryKey: ['questions', version],
    enabled: version !== undefined,
    queryFn: () => ok(api.GET('/api/v1/certifications/questions', { params: { query: { version } } })),
    staleTime: Infinity,
  });
  const publish = useMutation({
    mutationFn: (body: NewBank) => ok(api.POST('/api/v1/certifications/question-banks', { body })),
    onSuccess: (saved) => {
      setText('');
      setReason('');
      setShown(saved.version);
      return queryClient.invalidateQueries({ queryKey: ['question-banks'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setParseError(null);
    publish.reset();
    try {
      publish.mutate({ questions: parseQuestions(text, t('banks.notAList')), reason });
    } catch (err) {
      setParseError(err);
    }
  };
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) setText(await file.text());
  };
  const items = bank.data?.items ?? [];
  const standards = [...new Set(items.map((q) => q.standard))];
  return (
    <Page title={t('banks.title')} lead={t('banks.lead')}>
      <ProblemAlert error={versions.error} />
      <table className="usa-table usa-table--borderless">
        <caption>{t('banks.versions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('banks.version')}</th>
            <th scope="col">{t('banks.published')}</th>
            <th scope="col">{t('banks.by')}</th>
            <th scope="col">{t('banks.why')}</th>
            <th scope="col">{t('banks.questions')}</th>
            <th scope="col">
              <span className="usa-sr-only">{t('banks.show')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(versions.data?.items ?? []).map((v) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td>{v.createdAt.slice(0, 10)}</td>
              <td>{v.createdBy}</td>
              <td>{v.reason}</td>
              <td>{v.questions}</td>
              <td>
                <button
                  type="button"
                  className="usa-button usa-button--unstyled"
                  aria-pressed={v.version === version}
                  onClick={() => setShown(v.version)}
                >
                  {t('banks.showVersion', { version: String(v.version) })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <section aria-labelledby="bank-heading">
        <h2 id="bank-heading">{t('banks.versionOf', { version: version === undefined ? '…' : String(version) })}</h2>
        <ProblemAlert error={bank.error} />
        {standards.map((s) => (
          <section key={s} aria-label={name('standard', s)}>
            <h3>
              {name('standard', s)} ({items.filter((q) => q.standard === s).length})
            </h3>
            <ol className="usa-list">
              {items
                .filter((q) => q.standard === s)
                .map((q) => (
                  <li key={q.id}>
                    <code>{q.id}</code> {textOf(q)}
                  </li>
                ))}
            </ol>
          </section>
        ))}
        {items.length ? (
          <button
            type="button"
            className="usa-button usa-button--outline"
            onClick={() => setText(JSON.stringify(items, null, 2))}
          >
            {t('banks.startFrom')}
          </button>
        ) : null}
      </section>

      <section aria-labelledby="publish-heading">
        <h2 id="publish-heading">{t('banks.publishTitle')}</h2>
        <form className="usa-form usa-form--large" aria-labelledby="publish-heading" onSubmit={onSubmit}>
          <label className="usa-label" htmlFor="bank-file">
            {t('banks.file')}
          </label>
          <input className="usa-file-input" id="bank-file" type="file" accept="application/json" onChange={readFile} />
          <label className="usa-label" htmlFor="bank-json">
            {t('banks.json')}
          </label>
          <span className="usa-hint" id="bank-json-hint">
            {t('banks.jsonHint')}
          </span>
          <textarea
            className="usa-textarea mf-code"
            id="bank-json"
            aria-describedby="bank-json-hint"
            rows={14}
            required
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <label className="usa-label" htmlFor="bank-reason">
            {t('banks.why')}
          </label>
          <input
            className="usa-input"
            id="bank-reason"
            required
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <ProblemAlert error={parseError ?? publish.error} heading={t('banks.refused')} />
          <div role="status">
            {publish.data ? <p>{t('banks.done', { version: String(publish.data.version) })}</p> : null}
          </div>
          <button type="submit" className="usa-button" disabled={publish.isPending}>
            {t('banks.publish')}
          </button>
        </form>
      </section>
    </Page>
  );
}
