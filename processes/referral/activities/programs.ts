/**
 * Reads the directory for the online referral: which programs may receive a volunteer,
 * ranked by fit (../ranking.ts), and which a coordinator may pick by hand. Read-only
 * activities (a workflow cannot query PostgreSQL itself); what they return — program ids,
 * names, contact mailboxes and the reasons — is recorded in the referral's history, so a
 * replay offers the same programs whatever the directory says by then.
 */
import { sql } from 'kysely';
import type { Db } from '../../../db';
import { rankPrograms, REFERRAL_LEVELS, type ProgramCandidate, type VolunteerForReferral } from '../ranking';
import type { RankedProgram } from '../types';

export interface FindReferralProgramsInput {
  volunteer: VolunteerForReferral;
  /** Programs already offered this volunteer. */
  exclude: string[];
  limit: number;
}

/** Every program that may receive referrals now, with its settings and open referrals. */
export async function referralCandidates(db: Db, exclude: string[] = []): Promise<ProgramCandidate[]> {
  const rows = await db
    .selectFrom('programs as p')
    .innerJoin('program_referral_settings as s', 's.program_id', 'p.id')
    .select([
      'p.id',
      'p.name',
      'p.level',
      'p.county',
      'p.contact_email',
      's.accepting',
      's.counties',
      's.virtual',
      's.languages',
      's.youth_min',
      's.youth_max',
    ])
    .select(
      sql<number>`(SELECT count(*) FROM tasks t WHERE t.status = 'open' AND t.type IN ('contact_volunteer', 'report_outcome') AND t.scope @> jsonb_build_object('programId', p.id))::int`.as(
        'open_referrals',
      ),
    )
    .where('p.level', 'in', [...REFERRAL_LEVELS])
    .where('s.accepting', '=', true)
    .$if(exclude.length > 0, (q) => q.where('p.id', 'not in', exclude))
    .execute();
  return rows.map((r) => ({
    programId: r.id,
    name: r.name,
    level: r.level,
    contactEmail: r.contact_email,
    accepting: r.accepting,
    // A program that named no counties serves its own.
    counties: r.counties.length ? r.counties : [r.county],
    virtual: r.virtual,
    languages: r.languages,
    youthAges: { min: r.youth_min, max: r.youth_max },
    openReferrals: r.open_referrals,
  }));
}

export function createReferralProgramActivities({ db }: { db: Db }) {
  return {
    /** The best-fitting eligible programs not offered yet (at most `limit`). */
    async findReferralPrograms({ volunteer, exclude, limit }: FindReferralProgramsInput): Promise<RankedProgram[]> {
      return rankPrograms(volunteer, await referralCandidates(db, exclude))
        .slice(0, limit)
        .map(({ item, reasons }) => ({
          programId: item.programId,
          name: item.name,
          contactEmail: item.contactEmail,
          reasons,
        }));
    },

    /** Programs a coordinator may pick by hand: Affiliate or above and accepting, any county. */
    async findPlaceablePrograms({
      exclude,
    }: {
      exclude: string[];
    }): Promise<{ programId: string; name: string; contactEmail: string }[]> {
      return (await referralCandidates(db, exclude))
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, 200)
        .map(({ programId, name, contactEmail }) => ({ programId, name, contactEmail }));
    },
  };
}

export type ReferralProgramActivities = ReturnType<typeof createReferralProgramActivities>;
