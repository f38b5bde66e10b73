/** Which roles see which parts of the app (the API refuses anything else anyway). */

/** Roles that hand tasks to others (assign, reassign): the API's supervising roles. */
export const SUPERVISING_ROLES = [
  'hr_officer',
  'case_supervisor',
  'review_lead',
  'partnership_coordinator',
  'admin',
] as const;

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

export const readsReports = (roles: string[]) =>
  Object.values(REPORT_ROLES).some((rs) => rs.some((r) => roles.includes(r)));
