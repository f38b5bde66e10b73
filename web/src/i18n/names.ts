/**
 * The names the app builds from codes (case types, task types, stages, statuses, task
 * outcomes, the fields of a task's form, timeline events, roles, the smaller codes inside a case's
 * details such as a check's or a leave request's status; the fields of the rules, the choices a
 * task's form offers, a certification's standards and answers, a match's closing reasons, whom a
 * check-in reached, why a case refused a task handed over, whose e-mail a template is) in the language in use:
 * `name('stage', 'awaiting_caller')` reads the catalogue's `stage.awaiting_caller`; a code the
 * catalogue lacks reads as it always has in English (humanize), so a new stage shows up named,
 * never as a missing key.
 */
import { useIntl } from 'react-intl';
import { humanize } from '../components/format';

export type NameKind =
  | 'caseType'
  | 'type'
  | 'stage'
  | 'status'
  | 'outcome'
  | 'field'
  | 'event'
  | 'role'
  | 'detail'
  | 'rule'
  | 'choice'
  | 'standard'
  | 'answer'
  | 'closure'
  | 'contact'
  | 'refusal'
  | 'process';
export type NameOf = (kind: NameKind, code: string) => string;

export function useNames(): NameOf {
  const intl = useIntl();
  return (kind, code) => {
    const id = `${kind}.${code}`;
    return id in intl.messages ? intl.formatMessage({ id }) : humanize(code);
  };
}
