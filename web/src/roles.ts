/** Which roles see which parts of the app (the API refuses anything else anyway). */
import { SUPERVISING_ROLES } from './api/generated/processes';

/** Roles that hand tasks to others (assign, reassign): the API's supervising roles, from the registry of processes. */
export { SUPERVISING_ROLES };

export const supervises = (roles: string[]) => SUPERVISING_ROLES.some((r) => roles.includes(r));

/** Who reads which report. */
export const REPORT_ROLES = {
  usage: ['hr_officer', 'admin'],
  tasks: SUPERVISING_ROLES,
  foster: ['case_worker', 'case_supervisor', 'admin'],
  certification: ['quality_reviewer', 'review_lead', 'admin'],
  referrals: ['partnership_coordinator', 'admin'],
  stipends: ['college_coordinator'],
} as const;

/** Who reads a caseload (a case worker their own, a supervisor anyone's) and the funders' outcome report. */
export const CASELOAD_ROLES = ['case_worker', 'case_supervisor'];
export const OUTCOME_ROLES = ['case_supervisor', 'admin'];

export const readsReports = (roles: string[]) =>
  Object.values(REPORT_ROLES).some((rs) => rs.some((r) => roles.includes(r)));

/**
 * Staff who look for cases (the Cases page): every role but those who only ever meet their
 * own case (an employee's leave, a caller's or a student's own record).
 */
const NOT_LOOKING_FOR_CASES = ['employee', 'caller', 'ece_mentor', 'ece_student'];

export const looksForCases = (roles: string[]) => roles.some((r) => !NOT_LOOKING_FOR_CASES.includes(r));
