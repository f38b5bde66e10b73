/**
 * The actions the capacity plan prices, driven through the API as people do. A leave
 * enrolment's year is a state machine of steps (the bench's leave story, scripts/bench/leave.ts,
 * repeated for each month of the year): the employee enrols, HR approves eligibility, then
 * each month the employee logs personal time, the program's coordinator verifies it, the
 * employee requests leave and the supervisor and HR approve it — until the 40-hour cap.
 * A completion opens the case first (one read), as a person does before clicking. The
 * foster-care match story (a youth referred to ready, a mentor screened to the pool, the
 * two matched to the first meeting) follows test/integration/foster-fixtures.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mintToken } from '../../platform/api/auth';
import { laDate } from '../../platform/workflow/calendar';
import { http } from '../bench/load';
import { enrollByApi, type People } from '../bench/leave';

export const LEAVE_KINDS = [
  'enrol',
  'approve_eligibility',
  'log_personal_time',
  'verify_hours',
  'request_leave',
  'supervisor_approval',
  'hr_approval',
] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

/** Hours logged and requested each month: 4 a month reaches the 40-hour cap in 10 months. */
export const HOURS_PER_MONTH = 4;
export const MONTHS_PER_YEAR = 10;
const MONTHLY: LeaveKind[] = [
  'log_personal_time',
  'verify_hours',
  'request_leave',
  'supervisor_approval',
  'hr_approval',
];

/** Each kind's count in a year of one enrolment. */
export const LEAVE_YEAR: Record<LeaveKind, number> = Object.fromEntries(
  LEAVE_KINDS.map((k) => [k, MONTHLY.includes(k) ? MONTHS_PER_YEAR : 1]),
) as Record<LeaveKind, number>;

type Open = { openTasks: { id: string; type: string }[] };

/** One enrolment's year, a step at a time. */
export class LeaveYear {
  id = '';
  private done = 0;
  busy = false;
  constructor(
    private readonly api: () => string,
    private readonly people: People,
    readonly n: string,
    readonly months = MONTHS_PER_YEAR,
  ) {}

  get next(): LeaveKind | undefined {
    if (this.done < 2) return LEAVE_KINDS[this.done];
    const i = this.done - 2;
    return i < this.months * MONTHLY.length ? MONTHLY[i % MONTHLY.length] : undefined;
  }

  /** Runs the next step; answers its kind. */
  async step(): Promise<LeaveKind> {
    const kind = this.next!;
    const t = this.people.tokens;
    const url = this.api();
    const emp = await t.employee(this.n);
    const complete = async (token: string, type: string, outcome: string) => {
      const c: Open = await http('GET', `${url}/api/v1/cases/${this.id}`, token);
      const task = c.openTasks.find((o) => o.type === type);
      if (!task) throw new Error(`no open ${type} on ${this.id}`);
      await http('POST', `${url}/api/v1/tasks/${task.id}/complete`, token, { outcome });
    };
    const today = laDate(Date.now());
    const enrollment = `${url}/api/v1/mentoring-leave/enrollments/${this.id}`;
    switch (kind) {
      case 'enrol':
        this.id = (await enrollByApi(url, this.people, this.n)).id;
        break;
      case 'approve_eligibility':
        await complete(t.hr, 'eligibility_review', 'approve');
        break;
      case 'log_personal_time':
        await http('POST', `${enrollment}/personal-time`, emp, {
          date: today,
          hours: HOURS_PER_MONTH,
          kind: 'vacation',
          description: 'Reading',
        });
        break;
      case 'verify_hours':
        await complete(t.coordinator, 'verify_personal_hours', 'verify');
        break;
      case 'request_leave':
        await http('POST', `${enrollment}/requests`, emp, {
          date: today,
          hours: HOURS_PER_MONTH,
          attestNoTravel: true,
        });
        break;
      case 'supervisor_approval':
        await complete(t.sup, 'supervisor_approval', 'approve');
        break;
      case 'hr_approval':
        await complete(t.hr, 'hr_approval', 'approve');
        break;
    }
    this.done++;
    return kind;
  }
}

const person = (sub: string, roles: string[], name: string, email?: string) => ({ sub, roles, name, email });
const SW = person('cap-sw', ['social_worker'], 'Cap Social', 'sw@county.example');
const CW = person('cap-cw', ['case_worker'], 'Cap Worker');
const CSUP = person('cap-csup', ['case_supervisor'], 'Cap Supervisor');
const yearsAgo = (n: number) => laDate(Date.now() - n * 365.25 * 86_400_000);

/**
 * A foster-care match story through the API: the youth referred, consented and taken in;
 * a mentor applied, checked, interviewed, referenced (the references' one-time links read
 * from the outbox), trained and approved; the match proposed, consented and first met.
 * Answers the count of actions (requests that change something) it took.
 */
export async function fosterMatch(url: string, secret: string, dir: string, n: string): Promise<number> {
  const token = (p: typeof SW) => mintToken(secret, p);
  const [sw, cw, csup] = [await token(SW), await token(CW), await token(CSUP)];
  const api = `${url}/api/v1`;
  let actions = 0;
  const act = async (method: string, path: string, tok: string | undefined, body?: unknown) => {
    actions++;
    return http(method, `${api}${path}`, tok, body);
  };
  const completeAll = async (
    tok: string,
    roles: string[],
    path: string,
    type: string,
    outcome: string,
    data?: object,
  ) => {
    const c: { openTasks: { id: string; type: string; candidateRoles: string[] }[] } = await http(
      'GET',
      `${api}${path}`,
      tok,
    );
    for (const t of c.openTasks.filter((x) => x.type === type && x.candidateRoles.some((r) => roles.includes(r))))
      await act('POST', `/tasks/${t.id}/complete`, tok, { outcome, ...(data ? { data } : {}) });
  };
  const youth = await act('POST', '/foster/youth', sw, {
    youth: {
      name: `Jordan Youth${n}`,
      dateOfBirth: yearsAgo(14),
      county: 'Los Angeles',
      languages: ['English'],
      interests: ['art'],
      needs: `Needs ${n}: support with school attendance`,
    },
    socialWorker: { id: SW.sub, name: SW.name, email: SW.email },
    caregiver: { name: 'Casey Caregiver', email: 'caregiver@mail.example' },
    caseWorkerId: CW.sub,
  });
  const y = `/foster/youth/${youth.id}`;
  await completeAll(sw, SW.roles, y, 'consent', 'accept');
  await completeAll(cw, CW.roles, y, 'consent', 'accept', { how: 'signed form' });
  await completeAll(cw, CW.roles, y, 'intake', 'done');
  const refs = [`rae${n}@mail.example`, `ray${n}@mail.example`];
  const mentor = await act('POST', '/foster/mentors', cw, {
    applicant: {
      name: `Morgan Mentor${n}`,
      email: `morgan${n}@mail.example`,
      phone: '+1 213 555 0100',
      dateOfBirth: yearsAgo(30),
      languages: ['English', 'Spanish'],
      interests: ['art'],
      formerFosterYouth: false,
    },
    references: [
      { name: `Rae Reference${n}`, email: refs[0], relationship: 'coworker' },
      { name: `Ray Reference${n}`, email: refs[1], relationship: 'former coach' },
    ],
  });
  const m = `/foster/mentors/${mentor.id}`;
  await completeAll(cw, CW.roles, m, 'background_check', 'clear');
  await completeAll(cw, CW.roles, m, 'interview', 'pass');
  for (const email of refs)
    await act('POST', `/foster/references/${await referenceToken(dir, email)}`, undefined, { recommendation: 'yes' });
  await act('POST', `${m}/training`, cw, { date: laDate(Date.now()), hours: 6, module: 'Trauma-informed mentoring' });
  await completeAll(csup, CSUP.roles, m, 'screening_decision', 'approve');
  const match = await act('POST', '/foster/matches', cw, {
    mentorCaseId: mentor.id,
    youthCaseId: youth.id,
    rationale: 'Shared love of art',
  });
  const mm = `/foster/matches/${match.id}`;
  await completeAll(cw, CW.roles, mm, 'consent', 'accept', { how: 'phone' });
  await completeAll(sw, SW.roles, mm, 'consent', 'accept');
  await completeAll(cw, CW.roles, mm, 'first_meeting', 'done');
  const end = await http('GET', `${api}${mm}`, cw);
  if (end.stage !== 'active') throw new Error(`the match ended the story ${end.stage}, not active`);
  return actions;
}

/**
 * The one-time reference link's token, from the e-mail the reference receives: the SMTP
 * catcher's inbox (the outbox's copy loses the token once sent). The catcher's web port is
 * in its log, in the services' directory.
 */
async function referenceToken(dir: string, email: string): Promise<string> {
  const web = /inbox (http:\/\/\S+)/.exec(readFileSync(path.join(dir, 'smtp.log'), 'utf8'))?.[1];
  if (!web) throw new Error('the SMTP catcher did not say its inbox');
  for (let i = 0; i < 600; i++) {
    const all = (await (await fetch(`${web}/messages`)).json()) as { to: string[]; text: string }[];
    const m = all.reverse().find((x) => x.to.includes(email) && /\/references\/[A-Za-z0-9_-]+/.test(x.text));
    if (m) return /\/references\/([A-Za-z0-9_-]+)/.exec(m.text)![1];
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`no reference e-mail to ${email}`);
}
