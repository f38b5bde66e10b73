/**
 * The six standards of a certification as the reviewer weighs them: per standard, how
 * many of its questions the program answered yes, partially or no, and the answers
 * themselves with their evidence (in a disclosure, to keep the page short).
 */
import { humanize } from './format';
import { useQuestions, type Answer } from './SelfAssessmentForm';

export function CertificationStandards({ answers }: { answers: Answer[] }) {
  const questions = useQuestions();
  const items = questions.data?.items ?? [];
  if (!answers.length || !items.length) return null;
  const byId = new Map(answers.map((a) => [a.questionId, a]));
  const standards = [...new Set(items.map((q) => q.standard))];
  const count = (standard: string, response: string) =>
    items.filter((q) => q.standard === standard && byId.get(q.id)?.response === response).length;
  return (
    <>
      <table className="usa-table usa-table--borderless">
        <caption>Standards: the program's answers</caption>
        <thead>
          <tr>
            <th scope="col">Standard</th>
            <th scope="col">Yes</th>
            <th scope="col">Partially</th>
            <th scope="col">No</th>
            <th scope="col">Not answered</th>
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
                <th scope="row">{humanize(s)}</th>
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
        <summary>Every answer with its evidence</summary>
        <ul className="usa-list">
          {items
            .filter((q) => byId.has(q.id))
            .map((q) => (
              <li key={q.id}>
                {q.text} <strong>{humanize(byId.get(q.id)!.response)}</strong>
                {byId.get(q.id)!.evidence ? ` — ${byId.get(q.id)!.evidence}` : ''}
              </li>
            ))}
        </ul>
      </details>
    </>
  );
}
