/**
 * The demo people of `npm run seed`: one or more for every role the web app serves,
 * each with the label the development sign-in page shows ("employee, CDT"). Invented
 * names and example.gov addresses only.
 */
import type { Person } from '../chaos/client';

export const DEPT = 'CDT';
export const BIG_SIBLINGS = 'Big Siblings of Sacramento';
export const VALLEY_YOUTH = 'Valley Youth Mentoring';
export const BAY_AREA = 'Bay Area Mentors';
export const COLLEGE = 'sac-city';

export interface DemoPerson extends Person {
  label: string;
  email: string;
  name: string;
  program?: string;
}

const p = (sub: string, name: string, roles: string[], label: string, extra: Partial<DemoPerson> = {}): DemoPerson => ({
  sub,
  name,
  roles,
  label,
  email: `${sub.replace(/^demo-/, '')}@example.gov`,
  ...extra,
});

export const PEOPLE = {
  pat: p('demo-pat', 'Pat Lee', ['employee'], `employee, ${DEPT}`, { department: DEPT }),
  jo: p('demo-jo', 'Jo Kim', ['employee'], `employee, ${DEPT}`, { department: DEPT }),
  max: p('demo-max', 'Max Ortiz', ['employee'], `employee, ${DEPT}`, { department: DEPT }),
  kai: p('demo-kai', 'Kai Brown', ['employee'], `employee, ${DEPT}`, { department: DEPT }),
  sam: p('demo-sam', 'Sam Rivera', ['supervisor'], `supervisor, ${DEPT}`, { department: DEPT }),
  hana: p('demo-hana', 'Hana Park', ['hr_officer'], `HR officer, ${DEPT}`, { department: DEPT }),
  cora: p('demo-cora', 'Cora Diaz', ['org_coordinator'], `program coordinator, ${BIG_SIBLINGS}`, {
    program: BIG_SIBLINGS,
  }),
  vic: p('demo-vic', 'Vic Alvarez', ['program_staff'], `program staff, ${VALLEY_YOUTH}`, { program: VALLEY_YOUTH }),
  bo: p('demo-bo', 'Bo Tran', ['program_staff'], `program staff, ${BAY_AREA}`, { program: BAY_AREA }),
  casey: p('demo-casey', 'Casey Nguyen', ['case_worker'], 'case worker'),
  chris: p('demo-chris', 'Chris Okafor', ['case_supervisor'], 'case supervisor'),
  sol: p('demo-sol', 'Sol Martinez', ['social_worker'], 'social worker, Los Angeles County'),
  rita: p('demo-rita', 'Rita Chen', ['quality_reviewer'], 'quality reviewer'),
  lee: p('demo-lee', 'Lee Adams', ['review_lead'], 'review lead'),
  ada: p('demo-ada', 'Ada Morgan', ['admin'], 'administrator'),
  // Referral, wellness and early childhood: the partnership's own staff, check-in calls, early-childhood placements.
  paula: p('demo-paula', 'Paula Greene', ['partnership_coordinator'], 'partnership coordinator'),
  sky: p('demo-sky', 'Sky Patel', ['school_counselor'], 'school counselor'),
  cleo: p('demo-cleo', 'Cleo Vance', ['college_coordinator'], `college coordinator, ${COLLEGE}`, {
    collegeId: COLLEGE,
  }),
  mia: p('demo-mia', 'Mia Sato', ['selection_committee'], `selection committee, ${COLLEGE}`, { collegeId: COLLEGE }),
  ned: p('demo-ned', 'Ned Wolfe', ['selection_committee'], `selection committee, ${COLLEGE}`, { collegeId: COLLEGE }),
  tess: p('demo-tess', 'Tess Moreno', ['ece_mentor'], 'mentor teacher'),
  uri: p('demo-uri', 'Uri Blake', ['ece_student'], 'ECE student'),
} satisfies Record<string, DemoPerson>;
