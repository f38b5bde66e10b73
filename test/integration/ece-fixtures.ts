/** People and steps the early-childhood placement suites share. */
import { as, type Person, type Stack } from '../support/stack';

const run = Math.random().toString(36).slice(2, 7);
export const COLLEGE = `college-${run}`;
export const coord: Person = {
  sub: `cc-${run}`,
  roles: ['college_coordinator'],
  collegeId: COLLEGE,
  name: 'Cleo Coordinator',
  email: `cleo-${run}@college.example`,
};
export const coordElsewhere: Person = {
  sub: `cc2-${run}`,
  roles: ['college_coordinator'],
  collegeId: `other-${run}`,
  name: 'Otto Coordinator',
};
export const member = (n: number, collegeId = COLLEGE): Person => ({
  sub: `sc${n}-${run}`,
  roles: ['selection_committee'],
  collegeId,
  name: `Member ${n}`,
});

let seq = 0;
export function mentorPerson(): Person & { email: string } {
  const n = `${run}${++seq}`;
  return {
    sub: `ece-mentor-${n}`,
    roles: ['ece_mentor'],
    name: `Maya Mentor${n}`,
    email: `maya${n}@preschool.example`,
  };
}
export function mentee(kind: 'student' | 'administrator' = 'student'): Person & { email: string; kind: typeof kind } {
  const n = `${run}${++seq}`;
  return {
    sub: `ece-mentee-${n}`,
    roles: ['ece_student'],
    name: `Sam Student${n}`,
    email: `sam${n}@college.example`,
    kind,
  };
}

export function mentorApplication(
  person: Person & { email: string },
  role: 'mentor_teacher' | 'director_mentor' = 'mentor_teacher',
) {
  return {
    person: { id: person.sub, name: person.name!, email: person.email },
    role,
    site: 'Sunrise Child Development Center',
    yearsExperience: 9,
    permitLevel: 'Master Teacher',
    evidence: 'QRIS tier 4 rating; NAEYC accreditation',
  };
}

/** A mentor through the committee (three approvals); returns the case id. */
export async function certifiedMentor(
  stack: Stack,
  person: Person & { email: string },
  role: 'mentor_teacher' | 'director_mentor' = 'mentor_teacher',
): Promise<string> {
  const created = await as(stack, coord).post('/ece/mentors', mentorApplication(person, role));
  if (created.status !== 201) throw new Error(`ece mentor: ${created.status} ${created.text}`);
  for (const n of [1, 2, 3]) {
    const c = (await as(stack, member(n)).get(`/ece/mentors/${created.body.id}`)).body;
    const vote = c.openTasks.find((t: { type: string }) => t.type === 'committee_vote');
    const r = await as(stack, member(n)).post(`/tasks/${vote.id}/complete`, { outcome: 'approve' });
    if (r.status !== 200) throw new Error(`vote: ${r.status} ${r.text}`);
  }
  return created.body.id;
}
