/**
 * A self-assessment question in the language in use: a question bank is data an administrator
 * writes, English always (`text`) and other languages when they wrote them (`translations`,
 * `{ es: '…' }`, as the shipped banks have), so a question with no wording in the language
 * reads in English rather than not at all (docs/web-app.md, "Languages").
 */
import { useIntl } from 'react-intl';

export interface Worded {
  text: string;
  translations?: Partial<Record<string, string>>;
}

export function useQuestionText(): (q: Worded) => string {
  const { locale } = useIntl();
  return (q) => q.translations?.[locale]?.trim() || q.text;
}
