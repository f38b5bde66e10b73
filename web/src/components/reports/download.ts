/** Saves a report's CSV (the API's own, asked for with Accept: text/csv) as a file. */
import { api } from '../../api/client';

type CsvPath =
  | '/api/v1/mentoring-leave/reports/usage'
  | '/api/v1/reports/tasks'
  | '/api/v1/mentoring-leave/payroll-exports/{exportId}'
  | '/api/v1/referrals/reports'
  | '/api/v1/ece/placements/export'
  | '/api/v1/foster/reports/outcomes';

export async function downloadCsv(
  path: CsvPath,
  params: { query?: Record<string, unknown>; path?: Record<string, string> },
  filename: string,
): Promise<void> {
  const { data, error } = await api.GET(path, {
    params: params as never,
    headers: { Accept: 'text/csv' },
    parseAs: 'blob',
  });
  if (error || !data) throw Object.assign(new Error('The CSV could not be made'), { problem: error });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(data as Blob);
  a.download = filename;
  a.click();
  URL.revokeObjectURL(a.href);
}
