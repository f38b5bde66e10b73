/**
 * The named parties of a case about to be created, checked before it starts (docs/security.md,
 * "Named parties"): the creator names themselves in no other party role, one person holds
 * one party role, and a person the people directory knows must hold the role they are named
 * in. 422 `invalid_party`. The rules themselves are pure (workflows/shared/named-parties.ts).
 */
import type { Db } from '../../db';
import { directoryProblem, namedPartiesIn, partiesProblem } from '../workflow/named-parties';
import type { ActingUser } from '../workflow/records';
import { problemFromRefusal } from './errors';
import { findPerson } from './people';

export interface NewCaseParties {
  type: string;
  /** The new case's fields, as its workflow will hold them (the parties are read from them). */
  fields: Record<string, unknown>;
  creator: Pick<ActingUser, 'id'>;
  /** The party the creator is in the new case (a case worker referring a youth), if any. */
  creatorParty?: string;
  /** People whose own case it is (an applicant with an account). */
  subjects?: string[];
}

export async function refuseInvalidParties(db: Db, c: NewCaseParties): Promise<void> {
  const named = namedPartiesIn(c.type, c.fields);
  const problem = partiesProblem(c.creator, named, c.subjects ?? [], c.creatorParty);
  if (problem) throw problemFromRefusal(problem);
  const known = new Map<string, ActingUser>();
  for (const p of named) {
    if (p.id === c.creator.id || known.has(p.id)) continue;
    const person = await findPerson(db, p.id);
    if (person) known.set(p.id, person);
  }
  const unknownRole = directoryProblem(named, known);
  if (unknownRole) throw problemFromRefusal(unknownRole);
}
