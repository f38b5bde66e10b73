/** Callers and wellness referrals for the wellness check-in suites. */
import { laDate } from '../../platform/workflow/calendar';
import { as, type Person, type Stack } from '../support/stack';
import { caseSup, cw1, referenceToken } from './foster-fixtures';

export const counselor: Person = {
  sub: 'sc-1',
  roles: ['school_counselor'],
  name: 'Sky Counselor',
  email: 'sky@school.example',
};
export const pc: Person = {
  sub: 'pc-w',
  roles: ['partnership_coordinator'],
  name: 'Wren Coordinator',
  email: 'wren@partnership.example',
};

const run = Math.random().toString(36).slice(2, 7);
let seq = 0;

export function callerApplication(languages: string[], overrides: Record<string, unknown> = {}) {
  const n = `${run}${++seq}`;
  return {
    applicant: {
      id: `caller-${n}`,
      name: `Cal Caller${n}`,
      email: `cal${n}@mail.example`,
      phone: '+1 213 555 0101',
      dateOfBirth: '1990-04-01',
      languages,
      interests: [],
      formerFosterYouth: true,
      ...overrides,
    },
    references: [{ name: `Rita Ref${n}`, email: `rita${n}@mail.example`, relationship: 'former supervisor' }],
  };
}

/** A caller through the shorter screening to the pool; returns the case id and the caller as a person. */
export async function approvedCaller(stack: Stack, languages: string[]): Promise<{ caseId: string; caller: Person }> {
  const app = callerApplication(languages);
  const created = await as(stack, cw1).post('/wellness/callers', app);
  if (created.status !== 201) throw new Error(`caller: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  for (const t of created.body.openTasks.filter((x: { type: string }) => x.type === 'background_check')) {
    await as(stack, cw1).post(`/tasks/${t.id}/complete`, { outcome: 'clear' });
  }
  await as(stack).post(`/foster/references/${await referenceToken(app.references[0].email)}`, {
    recommendation: 'yes',
  });
  await as(stack, cw1).post(`/wellness/callers/${id}/training`, {
    date: laDate(Date.now()),
    hours: 2,
    module: 'Check-in calls and mandated reporting',
  });
  const c = (await as(stack, caseSup).get(`/wellness/callers/${id}`)).body;
  const decision = c.openTasks.find((t: { type: string }) => t.type === 'screening_decision');
  if (!decision)
    throw new Error(
      `caller screening not complete: ${JSON.stringify({ stage: c.stage, checks: c.checks, trainingHours: c.trainingHours })}`,
    );
  await as(stack, caseSup).post(`/tasks/${decision.id}/complete`, { outcome: 'approve' });
  return {
    caseId: id,
    caller: { sub: app.applicant.id, roles: ['caller'], name: app.applicant.name, email: app.applicant.email },
  };
}

export function wellnessReferral(languages: string[] = ['Spanish']) {
  const n = `${run}${++seq}`;
  return {
    youth: { name: `Quinn Youth${n}`, dateOfBirth: '2011-05-05', county: 'Fresno', languages },
    source: 'school_disconnection',
    contact: { phone: '+1 559 555 0199', preferredTimes: 'after 4 pm' },
    guardianConsent: { how: 'signed form' },
  };
}
