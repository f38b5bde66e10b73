/**
 * The access matrix's field check: the personal data of its fixtures (a youth's name, birth
 * date and needs; mentor and caller applicants' birth dates and phones; a wellness youth's
 * name, birth date and contact; a volunteer's name, e-mail and phone), each with the
 * personas entitled to read it (docs/security.md, "What each role reads"). Every answer of every
 * route to every persona — cases, lists, timelines, reports, CSV, refusals — is searched
 * for what that persona may not read.
 */
import { as, type Person, type Stack } from '../support/stack';

export interface Secret {
  what: string;
  value: string;
  /** Personas (keys of the matrix's people) that may read it. */
  entitled: readonly string[];
}

const YOUTH_READERS = ['caseWorker', 'caseSupervisor', 'socialWorker'];
const SCREENING_READERS = ['caseWorker', 'caseSupervisor'];
// The wellness youth was referred by the social worker and has no caller yet: coordinators triage without it.
const WELLNESS_READERS = ['socialWorker', 'caseSupervisor'];
const VOLUNTEER_READERS = ['partnershipCoordinator', 'staff'];

type Ids = {
  youthId: string;
  mentorId: string;
  screeningId: string;
  callerId: string;
  wellnessId: string;
  referralId: string;
};

/** Reads each fixture's personal data as an entitled persona (so the values are the stored ones). */
export async function secretsOf(stack: Stack, P: Record<string, Person>, F: Ids): Promise<Secret[]> {
  const get = async (who: string, path: string) => (await as(stack, P[who]).get(path)).body as Record<string, unknown>;
  const youth = (await get('caseWorker', `/foster/youth/${F.youthId}`)).youth as {
    name: string;
    dateOfBirth: string;
    needs: string;
  };
  const out: Secret[] = [
    { what: 'youth name', value: youth.name, entitled: YOUTH_READERS },
    { what: 'youth birth date', value: youth.dateOfBirth, entitled: YOUTH_READERS },
    { what: 'youth needs', value: youth.needs, entitled: YOUTH_READERS },
  ];
  for (const [what, path] of [
    ['mentor', `/foster/mentors/${F.mentorId}`],
    ['applicant', `/foster/mentors/${F.screeningId}`],
    ['caller', `/wellness/callers/${F.callerId}`],
  ] as const) {
    const a = (await get('caseWorker', path)).applicant as { dateOfBirth: string; phone: string };
    out.push(
      { what: `${what} birth date`, value: a.dateOfBirth, entitled: SCREENING_READERS },
      { what: `${what} phone`, value: a.phone, entitled: SCREENING_READERS },
    );
  }
  const w = await get('socialWorker', `/wellness/youth/${F.wellnessId}`);
  const wy = w.youth as { name: string; dateOfBirth: string };
  const contact = w.contact as { phone: string };
  out.push(
    { what: 'wellness youth name', value: wy.name, entitled: WELLNESS_READERS },
    { what: 'wellness youth birth date', value: wy.dateOfBirth, entitled: WELLNESS_READERS },
    { what: 'wellness contact phone', value: contact.phone, entitled: WELLNESS_READERS },
  );
  const v = (await get('partnershipCoordinator', `/referrals/${F.referralId}`)).volunteer as {
    name: string;
    email: string;
  };
  out.push(
    { what: 'volunteer name', value: v.name, entitled: VOLUNTEER_READERS },
    { what: 'volunteer e-mail', value: v.email, entitled: VOLUNTEER_READERS },
  );
  for (const s of out)
    if (!s.value) throw new Error(`the fixture's ${s.what} could not be read: the field check would be vacuous`);
  return out;
}

/** What of the secrets an answer to this persona carries that the persona may not read. */
export function leakedTo(who: string, text: string, secrets: readonly Secret[]): string[] {
  return secrets.filter((s) => !s.entitled.includes(who) && text.includes(s.value)).map((s) => s.what);
}
