/**
 * What changed between two policies, path by path (`mentoringLeave.annualCapHours`,
 * `mailboxes.admin`): objects are compared key by key, a list or a value as a whole, so a
 * changed list of holidays reads as the list before and the list after.
 */
export interface PolicyChange {
  path: string;
  /** Absent when the path is new. */
  before?: unknown;
  /** Absent when the path was removed. */
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function diffPolicies(before: unknown, after: unknown, at: string[] = []): PolicyChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffPolicies(before[k], after[k], [...at, k]));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [
    {
      path: at.join('.'),
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    },
  ];
}
