/**
 * What each reader of a wellness check-in reads (docs/security.md, "What each role reads"): its
 * referrer, caller, assigning coordinator and case supervisors the record; partnership
 * coordinators, while no caller is assigned, enough to pick one. Declared by the descriptor,
 * applied by platform/api/read-views.ts.
 */
import { EVERYTHING, LISTING, type CaseFacts, type Reader, type View } from '../../platform/workflow/read-view';
import { WELLNESS_REFERRER_ROLES } from './inputs';

export const WELLNESS_VIEWS: readonly View[] = [
  {
    kind: 'record',
    who: 'the referrer, the assigned caller, the coordinator who assigned the caller, case supervisors',
    ...EVERYTHING,
  },
  {
    // Enough to pick a caller (language, county, source); no name, birth date or contact details.
    kind: 'triage',
    who: 'partnership coordinators, while no caller is assigned',
    case: [...LISTING, 'openTasks'],
    details: { pick: { youth: ['county', 'languages'], source: true, plannedCalls: true, calls: true } },
    taskAnswers: false,
    timeline: 'events',
  },
];

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export function wellnessReader(r: Reader, c: CaseFacts): string | undefined {
  const caller = r.details.caller === undefined ? undefined : obj(r.details.caller);
  const referrer = r.user.id === c.ownerId && WELLNESS_REFERRER_ROLES.some(r.has);
  const theCaller = !!caller && r.user.id === caller.userId && r.has('caller');
  const assigner = !!caller && r.user.id === caller.assignedBy && r.has('partnership_coordinator');
  if (referrer || theCaller || assigner || r.has('case_supervisor')) return 'record';
  return !caller && c.stage === 'awaiting_caller' && r.has('partnership_coordinator') ? 'triage' : undefined;
}
