/**
 * CSV cells for reports people open in spreadsheets: quoted when needed, and a text cell
 * that would start a formula (= + - @, tab, carriage return) is prefixed with an
 * apostrophe so a spreadsheet shows it as text instead of running it (CSV injection).
 */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
