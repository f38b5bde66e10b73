/**
 * A page's words by key from the catalogue of the language in use, with ICU values
 * (plurals, numbers, dates by locale): `t('directory.count', { count: 3 })`.
 */
import { useIntl } from 'react-intl';

export type Values = Record<string, string | number | Date | undefined>;

export function useT(): (id: string, values?: Values) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
