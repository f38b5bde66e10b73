/** Which roles see which parts of the app (the API refuses anything else anyway). */
/** Who reads which report (the API refuses the others anyway). */
export const REPORT_ROLES = {
  usage: ['hr_officer', 'admin'],
  tasks: ['hr_officer', 'case_supervisor', 'review_lead', 'admin'],
  foster: ['case_worker', 'case_supervisor', 'admin'],
  certification: ['quality_reviewer', 'review_lead', 'admin'],
} as const;

export const readsReports = (roles: string[]) => Object.values(REPORT_ROLES).some((rs) => rs.some((r) => roles.includes(r)));
