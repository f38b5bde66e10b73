/**
 * The people a generated step may act as on a task, read from the task itself: its
 * candidates' tokens (a `user:` token is the person the case names, from the model's
 * directory; a role token is one of two people holding that role in that scope), whoever
 * holds it, supervising roles (who may assign), and people who must always be refused —
 * an outsider with no roles, the case's own parties, the person who gave the step before
 * (two-person rule), and the candidate role in another scope.
 */
import type { ActingUser, TaskRecord } from '../../platform/workflow/records';
import { outsider, person } from './model';

export interface Cast {
  /** May well act (the rules and the data still decide). */
  likely: ActingUser[];
  /** Must be refused whatever they send. */
  never: ActingUser[];
  /** Supervising roles: who may hand the task to someone. */
  supervisors: ActingUser[];
}

function fromToken(
  token: string,
  task: TaskRecord,
  directory: Record<string, ActingUser>,
  n: number,
): ActingUser | undefined {
  const [kind, a, b] = token.split(':');
  if (kind === 'user') return directory[a] ?? person(a, task.candidateRoles, task.scope);
  if (kind === 'role') return person(`sim-${a}-${n}`, [a]);
  if (kind === 'dept') return person(`sim-${b}-${a}-${n}`, [b], { department: a });
  if (kind === 'program') return person(`sim-${b}-${a}-${n}`, [b], { programId: a });
  if (kind === 'college') return person(`sim-${b}-${a}-${n}`, [b], { collegeId: a });
  return undefined;
}

export function castOf(task: TaskRecord, directory: Record<string, ActingUser>, parties: ActingUser[]): Cast {
  const likely: ActingUser[] = [];
  for (const token of [...task.candidates, ...(task.assignable ?? [])]) {
    for (const n of [1, 2]) {
      const p = fromToken(token, task, directory, n);
      if (p && !likely.some((x) => x.id === p.id)) likely.push(p);
    }
  }
  if (task.assigneeId && !likely.some((x) => x.id === task.assigneeId)) {
    likely.push(directory[task.assigneeId] ?? person(task.assigneeId, task.candidateRoles, task.scope));
  }
  const excluded = (task.excludedActors ?? []).map(
    (id) => directory[id] ?? person(id, task.candidateRoles, task.scope),
  );
  const elsewhere = task.candidateRoles
    .map((r) =>
      person(`sim-${r}-elsewhere`, [r], {
        department: 'ELSEWHERE',
        programId: 'prog-elsewhere',
        collegeId: 'college-elsewhere',
      }),
    )
    // Only when no candidate token is an unscoped role (someone holding that role anywhere is a candidate).
    .filter(() => task.candidates.every((t) => !t.startsWith('role:')));
  const scope = task.scope;
  const supervisors = [
    person('sim-admin', ['admin']),
    person('sim-review-lead', ['review_lead']),
    person('sim-case-supervisor', ['case_supervisor']),
    person('sim-partnership', ['partnership_coordinator']),
    ...(scope.department
      ? [person(`sim-hr-${scope.department}`, ['hr_officer'], { department: scope.department })]
      : []),
    ...(scope.collegeId
      ? [person(`sim-cc-${scope.collegeId}`, ['college_coordinator'], { collegeId: scope.collegeId })]
      : []),
    ...task.escalatedTo.map((t) => fromToken(t, task, directory, 3)).filter((p): p is ActingUser => !!p),
  ];
  // Someone in a candidate role who is also a party of the case.
  const never = [
    outsider,
    ...parties.map((p) => ({ ...p, roles: [...new Set([...p.roles, ...task.candidateRoles])], ...task.scope })),
    ...excluded,
    ...elsewhere,
  ];
  return { likely: likely.filter((p) => !never.some((x) => x.id === p.id)), never, supervisors };
}
