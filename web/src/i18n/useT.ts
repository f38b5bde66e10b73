/**
 * A page's words by key from the catalogue of the language in use, with ICU values
 * (plurals, numbers, dates by locale): `t('directory.count', { count: 3 })`. The function
 * stays the same while the language does, so what a page builds from it (a chart's series)
 * is not rebuilt on every render.
 */
import { useCallback } from 'react';
import { useIntl } from 'react-intl';

export type Values = Record<string, string | number | Date | undefined>;

export function useT(): (id: string, values?: Values) => string {
  const intl = useIntl();
  return useCallback((id: string, values?: Values) => intl.formatMessage({ id }, values), [intl]);
}
