/** Programs that accept referrals, and volunteers' forms, for the online referral suites. */
import { as, mailbox, eventually, type Person, type Stack } from '../support/stack';
import { admin, registerProgram, staffOf, year } from './fixtures';

export const coordinator: Person = {
  sub: 'pc-1',
  roles: ['partnership_coordinator'],
  name: 'Paula Partnership',
  email: 'paula@partnership.example',
};

export interface TestProgram {
  id: string;
  contactEmail: string;
  staff: Person;
}

/** A program at `level` with referral settings (accepting unless told otherwise). */
export async function referralProgram(
  stack: Stack,
  opts: {
    level: 'partner' | 'associate_partner' | 'affiliate' | 'none';
    county: string;
    languages?: string[];
    virtual?: boolean;
    youthAges?: { min: number; max: number };
    accepting?: boolean;
    counties?: string[];
  },
): Promise<TestProgram> {
  const p = await registerProgram(stack, { county: opts.county });
  if (opts.level !== 'none') {
    const set = await as(stack, admin).put(`/programs/${p.id}/level`, {
      level: opts.level,
      note: 'imported',
      ...(opts.level === 'partner' ? { certifiedUntil: `${year + 2}-06-30` } : {}),
    });
    if (set.status !== 200) throw new Error(`level: ${set.status} ${set.text}`);
  }
  const staff = staffOf(p.id);
  const settings = await as(stack, staff).put(`/programs/${p.id}/referrals`, {
    accepting: opts.accepting ?? true,
    counties: opts.counties ?? [opts.county],
    virtual: opts.virtual ?? false,
    languages: opts.languages ?? ['English'],
    youthAges: opts.youthAges ?? { min: 8, max: 18 },
  });
  if (settings.status !== 200) throw new Error(`settings: ${settings.status} ${settings.text}`);
  return { id: p.id, contactEmail: p.contactEmail, staff };
}

let n = 0;
// Unique across test files: the SMTP catcher is shared by the whole run.
const run = Math.random().toString(36).slice(2, 7);
/** A volunteer's public form in a county (every field filled). */
export function referralForm(
  county: string,
  overrides: { volunteer?: Record<string, unknown>; campaign?: string; consentToContact?: boolean } = {},
) {
  n++;
  const email = `volunteer-${run}-${n}@example.org`;
  return {
    volunteer: {
      name: `Val ${n} Volunteer ${run}`,
      email,
      phone: '916-555-0100',
      zip: '95814',
      county,
      ageBand: '35-54',
      languages: ['English', 'Spanish'],
      interests: ['chess', 'soccer'],
      youthAges: { min: 10, max: 14 },
      hoursPerMonth: 8,
      format: 'in_person',
      ...overrides.volunteer,
    },
    ...(overrides.campaign ? { campaign: overrides.campaign } : {}),
    consentToContact: overrides.consentToContact ?? true,
  };
}

/** The volunteer's first e-mail: the links to confirm the address and to withdraw. */
export async function confirmationMail(email: string) {
  return eventually(
    async () => (await mailbox(email)).find((m) => m.subject.includes('confirm your e-mail address')),
    'the confirmation e-mail',
  );
}

/** The withdraw token from the volunteer's confirmation e-mail. */
export async function withdrawToken(email: string): Promise<string> {
  return /\/referrals\/withdraw\/([A-Za-z0-9_-]+)/.exec((await confirmationMail(email)).text)![1];
}

/** The address-confirmation token from the volunteer's confirmation e-mail. */
export async function confirmToken(email: string): Promise<string> {
  return /\/referrals\/confirm\/([A-Za-z0-9_-]+)/.exec((await confirmationMail(email)).text)![1];
}

/** The volunteer confirms the address as they would: the token from the e-mail, then the link's POST. */
export async function confirmAddress(stack: Stack, email: string): Promise<void> {
  const r = await as(stack).post(`/referrals/confirm/${await confirmToken(email)}`);
  if (r.status !== 200) throw new Error(`confirm: ${r.status} ${r.text}`);
}

/** Sends a volunteer's form and confirms its address (the offers start); the case id. */
export async function submitConfirmed(
  stack: Stack,
  form: ReturnType<typeof referralForm>,
  headers?: Record<string, string>,
): Promise<string> {
  const r = await as(stack).post('/referrals', form, headers);
  if (r.status !== 201) throw new Error(`submit: ${r.status} ${r.text}`);
  await confirmAddress(stack, form.volunteer.email as string);
  return r.body.id as string;
}
