/**
 * Named parties (docs/security.md, "Who may act"): the people a case names in roles — the youth's
 * social worker, the assigned case worker, a caller, an ECE mentor and mentee, an
 * employee's supervisor, a wellness referrer (each process declares its own). Acting as one needs that role at the moment
 * of acting, and one person holds at most one party role of a case.
 *
 * The parties are read from the case's own fields (the workflow's state, or the read
 * model's `details`), never stored twice: a supervisor corrected by HR is the named
 * supervisor from then on, and cases started before this rule existed are covered too.
 * Pure: shared by workflow validators and the API.
 */
import { effectiveRoles } from './access';
import type { ActingUser } from './records';
import type { Refusal } from './refusals';
import { caseTypeDescriptor } from './registry';

/** A person named in a case, and the roles any one of which they must hold to act as that party. */
export interface NamedParty {
  id: string;
  party: string;
  roles: readonly string[];
}

type Fields = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * The named parties of a case of this type, read from its fields (state or read-model
 * details) by the rules its process declares (CaseTypeDescriptor.namedParties).
 */
export function namedPartiesIn(type: string, fields: Fields | undefined): NamedParty[] {
  const f = fields ?? {};
  return (caseTypeDescriptor(type)?.namedParties ?? []).flatMap(({ party, roles, id }) => {
    const s = str(id(f));
    return s ? [{ id: s, party, roles }] : [];
  });
}

/**
 * People whose own case it is, beyond those recorded as parties: an applicant with an
 * account (a caller) is a party of their own screening and clears none of its steps.
 */
export function subjectIdsIn(type: string, fields: Fields | undefined): string[] {
  const ids = caseTypeDescriptor(type)?.subjectIds?.(fields ?? {}) ?? [];
  return ids.map(str).filter((id): id is string => !!id);
}

/** The parties this user is named as in the case. */
export function partiesNaming(user: Pick<ActingUser, 'id'>, named: readonly NamedParty[]): NamedParty[] {
  return named.filter((p) => p.id === user.id);
}

/**
 * Whether the user holds, now, a role of every party they are named as. A scoped role
 * counts only with its scope claim, as everywhere (a supervisor signs in with a department).
 */
export function holdsPartyRoles(user: ActingUser, named: readonly NamedParty[]): boolean {
  const roles = effectiveRoles(user);
  return partiesNaming(user, named).every((p) => p.roles.some((r) => roles.includes(r)));
}

const invalidParty = (message: string): Refusal => ({ code: 'invalid_party', message });

/**
 * A new case's parties: the creator names themselves in no party role they do not act in
 * (their own role when they create it is theirs, e.g. the case worker who refers a youth),
 * and one person holds at most one party role. `creatorParty` is the party the creator is,
 * if any. 422 `invalid_party`.
 */
export function partiesProblem(
  creator: Pick<ActingUser, 'id'>,
  named: readonly NamedParty[],
  subjects: readonly string[] = [],
  creatorParty?: string,
): Refusal | undefined {
  const seen = new Map<string, string>();
  for (const p of named) {
    const before = seen.get(p.id);
    if (before && before !== p.party)
      return invalidParty(`One person may not be both the ${before} and the ${p.party} of a case`);
    seen.set(p.id, p.party);
    if (subjects.includes(p.id)) return invalidParty(`The person whose case it is may not also be its ${p.party}`);
    if (p.id === creator.id && p.party !== creatorParty)
      return invalidParty(`You may not name yourself as the ${p.party}`);
  }
  return undefined;
}

/**
 * Where the people directory knows a named person, they must hold the party's role: a case
 * worker named as a youth's social worker is refused at creation. Unknown people pass
 * (they may not have signed in yet); the rule at the moment of acting still holds.
 */
export function directoryProblem(
  named: readonly NamedParty[],
  known: ReadonlyMap<string, ActingUser>,
): Refusal | undefined {
  for (const p of named) {
    const person = known.get(p.id);
    if (person && !p.roles.some((r) => effectiveRoles(person).includes(r))) {
      return invalidParty(`The person named as ${p.party} does not hold the role (${p.roles.join(' or ')})`);
    }
  }
  return undefined;
}
