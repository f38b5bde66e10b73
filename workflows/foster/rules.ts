/** Pure rules of the foster pipeline, shared by the API and the workflows. */

/** Age in whole years on a date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Check-in records as the case worker sends them in `data`; a message per problem. */
export function checkInProblems(data: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  if (!data) return ['data is required: contactMentor, contactYouth, contactCaregiver, satisfaction (1-5), safetyConcern'];
  for (const k of ['contactMentor', 'contactYouth', 'contactCaregiver', 'safetyConcern']) {
    if (typeof data[k] !== 'boolean') out.push(`data.${k} must be true or false`);
  }
  const s = data.satisfaction;
  if (typeof s !== 'number' || !Number.isInteger(s) || s < 1 || s > 5) out.push('data.satisfaction must be a whole number from 1 to 5');
  if (data.notes !== undefined && typeof data.notes !== 'string') out.push('data.notes must be text');
  return out;
}
