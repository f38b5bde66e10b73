/**
 * What each reader of a foster case reads (docs/security.md, "What each role reads"): a screening's
 * case worker and supervisors everything, other case workers (or, for callers, partnership
 * coordinators) the approved applicant's pool profile; youth and match records only their
 * listed viewers. Declared by the descriptor, applied by platform/api/read-views.ts.
 */
import { EVERYTHING, LISTING, type CaseFacts, type Reader, type View } from '../../platform/workflow/read-view';

const screening: View = { kind: 'screening', who: 'the assigned case worker and case supervisors', ...EVERYTHING };

export const MENTOR_SCREENING_VIEWS: readonly View[] = [
  screening,
  {
    kind: 'pool',
    who: 'other case workers, while the mentor is approved (to propose a match)',
    case: LISTING,
    details: {
      pick: {
        applicant: ['name', 'county', 'languages', 'interests', 'availability', 'formerFosterYouth'],
        activeMatchId: true,
      },
    },
    taskAnswers: false,
    timeline: 'none',
  },
];

export const CALLER_SCREENING_VIEWS: readonly View[] = [
  screening,
  {
    kind: 'pool',
    who: 'partnership coordinators, while the caller is approved (to assign a caller)',
    case: LISTING,
    details: { pick: { applicant: ['name', 'county', 'languages', 'availability'] } },
    taskAnswers: false,
    timeline: 'none',
  },
];

export const YOUTH_VIEWS: readonly View[] = [
  {
    kind: 'viewer',
    who: "the assigned case worker, case supervisors, the youth's social worker",
    ...EVERYTHING,
  },
];

/**
 * A screening: its case worker and case supervisors (unless it is their own), else the pool's
 * readers while the applicant is approved (`poolRole`: case workers, or partnership coordinators).
 */
export const screeningReader =
  (poolRole: string) =>
  (r: Reader, c: CaseFacts): string | undefined => {
    const caseWorkerId = typeof r.details.caseWorkerId === 'string' ? r.details.caseWorkerId : c.ownerId;
    // An applicant who is staff never reads their own checks or references.
    const own = r.ownCase();
    if (!own && (r.has('case_supervisor') || (r.has('case_worker') && r.user.id === caseWorkerId))) return 'screening';
    return r.has(poolRole) && c.stage === 'approved' && c.status === 'open' ? 'pool' : undefined;
  };
