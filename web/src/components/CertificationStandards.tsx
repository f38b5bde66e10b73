/**
 * The six standards of a certification as the reviewer weighs them: per standard, how
 * many of its questions the program answered yes, partially or no, and the answers
 * themselves with their evidence, grouped by standard (in a disclosure, to keep the page
 * short). The questions are those of the bank version the case started with, in the person's language
 * (English when the bank has no wording in it).
 */
import { useQuestions, type Answer } from './SelfAssessmentForm';
import { useNames } from '../i18n/names';
import { useQuestionText } from '../i18n/question-text';
import { useT } from '../i18n/useT';

export function CertificationStandards({ answers, version }: { answers: Answer[]; version: number }) {
  const t = useT();
  const name = useNames();
  const textOf = useQuestionText();
  const questions = useQuestions(version);
  const items = questions.data?.items ?? [];
  if (!answers.length || !items.length) return null;
  const byId = new Map(answers.map((a) => [a.questionId, a]));
  const standards = [...new Set(items.map((q) => q.standard))];
  const count = (standard: string, response: string) =>
    items.filter((q) => q.standard === standard && byId.get(q.id)?.response === response).length;
  return (
    <>
      <table className="usa-table usa-table--borderless">
        <caption>{t('standards.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('standards.standard')}</th>
            <th scope="col">{t('standards.yes')}</th>
            <th scope="col">{t('standards.partially')}</th>
            <th scope="col">{t('standards.no')}</th>
            <th scope="col">{t('standards.notAnswered')}</th>
          </tr>
        </thead>
        <tbody>
          {standards.map((s) => {
            const of = items.filter((q) => q.standard === s).length;
            const yes = count(s, 'yes');
            const partially = count(s, 'partially');
            const no = count(s, 'no');
            return (
              <tr key={s}>
                <th scope="row">{name('standard', s)}</th>
                <td>{yes}</td>
                <td>{partially}</td>
                <td>{no}</td>
                <td>{of - yes - partially - no}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details className="margin-bottom-2">
        <summary>{t('standards.every', { version: String(version) })}</summary>
        {standards.map((s) => (
          <section key={s} aria-label={name('standard', s)}>
            <h3>{name('standard', s)}</h3>
            <ul className="usa-list">
              {items
                .filter((q) => q.standard === s && byId.has(q.id))
                .map((q) => (
                  <li key={q.id}>
                    {textOf(q)} <strong>{name('answer', byId.get(q.id)!.response)}</strong>
                    {byId.get(q.id)!.evidence ? ` — ${byId.get(q.id)!.evidence}` : ''}
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </details>
    </>
  );
}
