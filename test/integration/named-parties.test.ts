/**
 * Named parties, tried as an attacker would through HTTP on real services: a case worker
 * who names themselves (or a colleague, or an admin) as a youth's social worker, a case
 * worker who files a caller application for themselves, a holder who lost the role, an ECE
 * coordinator placing with themselves. Each answer is what the person would see.
 */
import { as, eventually, startStack, type Person, type Stack } from '../support/stack';
import { certifiedProgram, employee, hr } from './fixtures';
import { coord, certifiedMentor, mentee, mentorPerson } from './ece-fixtures';
import { caseSup, cw1, cw2, youthReferral } from './foster-fixtures';
import { callerApplication } from './wellness-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string; ref?: string; assigneeId?: string };
const run = Math.random().toString(36).slice(2, 7);

describe('youth referral parties', () => {
  test('a case worker may not name themselves as the social worker (422 invalid_party), and nothing is created', async () => {
    const before = (await as(stack, cw1).get('/cases?type=youth_referral&limit=200')).body.items.length;
    const r = await as(stack, cw1).post(
      '/foster/youth',
      youthReferral({ socialWorker: { id: cw1.sub, name: 'Me', email: 'me@county.example' } }),
    );
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('invalid_party');
    expect((await as(stack, cw1).get('/cases?type=youth_referral&limit=200')).body.items.length).toBe(before);
  });

  test('a person the directory knows without the social worker role is refused at creation', async () => {
    await as(stack, cw2).get('/me'); // cw-2 has signed in: the directory knows them as a case worker
    const r = await as(stack, cw1).post(
      '/foster/youth',
      youthReferral({ socialWorker: { id: cw2.sub, name: cw2.name, email: 'cory@county.example' } }),
    );
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('invalid_party');
  });

  test('named before signing in, a case worker or an admin still gets nothing done or read as the social worker', async () => {
    const fakeSw: Person = { sub: `ghost-${run}`, roles: ['case_worker'], name: 'Ghost' };
    const adminSw: Person = { sub: `adm-${run}`, roles: ['admin'], name: 'Admin named' };
    for (const named of [fakeSw, adminSw]) {
      const created = await as(stack, cw1).post(
        '/foster/youth',
        youthReferral({ socialWorker: { id: named.sub, name: 'SW', email: `${named.sub}@county.example` } }),
      );
      expect(created.status).toBe(201);
      const consent = created.body.openTasks.find(
        (t: Task) => t.type === 'consent' && /social worker/.test(JSON.stringify(t)),
      );
      expect((await as(stack, named).get(`/foster/youth/${created.body.id}`)).status).toBe(404);
      const done = await as(stack, named).post(`/tasks/${consent.id}/complete`, { outcome: 'accept' });
      expect([403, 404]).toContain(done.status);
      const after = await as(stack, cw1).get(`/foster/youth/${created.body.id}`);
      expect(after.body.stage).toBe('consent');
      const listed = (await as(stack, named).get('/tasks?limit=200')).body.items as { caseId: string }[];
      expect(listed.filter((t) => t.caseId === created.body.id)).toEqual([]);
    }
  });
});

test('someone holding both roles who names themselves the social worker refers as the social worker', async () => {
  const both: Person = { sub: `both-${run}`, roles: ['case_worker', 'social_worker'], name: 'Both Roles' };
  const r = await as(stack, both).post(
    '/foster/youth',
    youthReferral({ socialWorker: { id: both.sub, name: both.name, email: 'both@county.example' } }),
  );
  expect(r.status).toBe(201);
  const alone = await as(stack, both).post(
    '/foster/youth',
    youthReferral({
      socialWorker: { id: both.sub, name: both.name, email: 'both@county.example' },
      caseWorkerId: both.sub,
    }),
  );
  expect(alone.body.code).toBe('invalid_party');
});

describe('caller screening parties', () => {
  test('a case worker may not file a caller application for their own account', async () => {
    const app = callerApplication(['English'], {});
    const r = await as(stack, cw1).post('/wellness/callers', {
      ...app,
      applicant: { ...app.applicant, id: cw1.sub, email: `other-${run}@mail.example` },
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('invalid_party');
  });

  test('the applicant is a party of their own screening: a supervisor may not hand them a check, nor may they clear it', async () => {
    const applicant: Person = { sub: `csup-app-${run}`, roles: ['case_supervisor'], name: 'Applicant Supervisor' };
    await as(stack, applicant).get('/me');
    const app = callerApplication(['English'], {});
    const created = await as(stack, cw1).post('/wellness/callers', {
      ...app,
      applicant: { ...app.applicant, id: applicant.sub },
    });
    expect(created.status).toBe(201);
    const check = created.body.openTasks.find((t: Task) => t.type === 'background_check');
    const assigned = await as(stack, caseSup).post(`/tasks/${check.id}/assign`, { assigneeId: applicant.sub });
    expect(assigned.status).toBe(403);
    expect(assigned.body.code).toBe('self_approval');
    const r = await as(stack, applicant).post(`/tasks/${check.id}/complete`, { outcome: 'clear' });
    expect([403, 404]).toContain(r.status);
    expect((await as(stack, cw1).get(`/wellness/callers/${created.body.id}`)).body.stage).toBe('screening');
  });
});

describe('a holder who lost the role', () => {
  test('an HR officer moved to another department cannot complete what they claimed; it returns to the candidates', async () => {
    const programId = await certifiedProgram(stack);
    const emp = employee(7000 + Math.floor(Math.random() * 999));
    const created = await as(stack, emp).post('/mentoring-leave/enrollments', {
      employee: {
        id: emp.sub,
        name: emp.name,
        email: emp.email,
        department: 'CDT',
        bargainingUnit: 1,
        appointment: 'permanent',
      },
      supervisor: { id: 'sup-1', name: 'Sam Supervisor', email: 'sam@example.gov' },
      program: { programId },
      commitment: {
        startDate: `${new Date().getUTCFullYear()}-01-15`,
        endDate: `${new Date().getUTCFullYear() + 1}-06-15`,
      },
    });
    expect(created.status).toBe(201);
    const review = created.body.openTasks.find((t: Task) => t.type === 'eligibility_review');
    const holder: Person = { ...hr, sub: `hr-move-${run}` };
    expect((await as(stack, holder).post(`/tasks/${review.id}/claim`)).status).toBe(200);
    const moved: Person = { ...holder, department: 'DMV' };
    const r = await as(stack, moved).post(`/tasks/${review.id}/complete`, { outcome: 'approve' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('holder_not_candidate');
    const task = await eventually(async () => {
      const t = (await as(stack, hr).get(`/tasks/${review.id}`)).body;
      return t.assigneeId ? undefined : t;
    }, 'the task back with its candidates');
    expect(task.status).toBe('open');
    expect((await as(stack, hr).post(`/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  });

  test('an enrollment naming its HR creator as supervisor is refused', async () => {
    const programId = await certifiedProgram(stack);
    const emp = employee(8000 + Math.floor(Math.random() * 999));
    const r = await as(stack, hr).post('/mentoring-leave/enrollments', {
      employee: {
        id: emp.sub,
        name: emp.name,
        email: emp.email,
        department: 'CDT',
        bargainingUnit: 1,
        appointment: 'permanent',
      },
      supervisor: { id: hr.sub, name: hr.name, email: 'hana@example.gov' },
      program: { programId },
      commitment: {
        startDate: `${new Date().getUTCFullYear()}-01-15`,
        endDate: `${new Date().getUTCFullYear() + 1}-06-15`,
      },
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('invalid_party');
  });
});

describe('early-childhood placements without self-dealing', () => {
  test('no mentee who is the mentor, no coordinator placing with themselves; a coordinator who is the mentor acts as its mentor', async () => {
    const m = mentorPerson();
    const mentorCaseId = await certifiedMentor(stack, m);
    const sameAsMentor = await as(stack, coord).post('/ece/placements', {
      mentorCaseId,
      mentee: { id: m.sub, name: m.name, email: m.email, kind: 'student' },
      term: { start: '2027-01-10', end: '2027-05-20' },
    });
    expect(sameAsMentor.status).toBe(422);
    expect(sameAsMentor.body.code).toBe('invalid_party');
    const self = await as(stack, coord).post('/ece/placements', {
      mentorCaseId,
      mentee: { id: coord.sub, name: 'Me', email: 'me@college.example', kind: 'student' },
      term: { start: '2027-01-10', end: '2027-05-20' },
    });
    expect(self.body.code).toBe('invalid_party');
    expect(
      (
        await as(stack, coord).post('/ece/mentors', {
          person: { id: coord.sub, name: 'Me', email: 'me@college.example' },
          role: 'mentor_teacher',
          site: 'Sunrise',
          yearsExperience: 9,
          permitLevel: 'Master Teacher',
          evidence: 'QRIS tier 4',
        })
      ).body.code,
    ).toBe('invalid_party');

    // A coordinator of the college who is also a certified mentor does not close (and earn on) their own placement.
    const coordMentor: Person & { email: string } = {
      ...mentorPerson(),
      roles: ['ece_mentor', 'college_coordinator'],
      collegeId: coord.collegeId,
    };
    const cm = await certifiedMentor(stack, coordMentor);
    const student = mentee();
    const placed = await as(stack, coord).post('/ece/placements', {
      mentorCaseId: cm,
      mentee: { id: student.sub, name: student.name, email: student.email, kind: 'student' },
      term: { start: '2027-01-10', end: '2027-05-20' },
    });
    expect(placed.status).toBe(201);
    const accept = placed.body.openTasks.find((t: Task) => t.type === 'accept_placement');
    expect((await as(stack, coordMentor).post(`/tasks/${accept.id}/complete`, { outcome: 'accept' })).status).toBe(200);
    const view = await as(stack, coordMentor).get(`/ece/placements/${placed.body.id}`);
    expect(view.status).toBe(200);
  });
});
