/**
 * The relationship surveys' rows in the read model, for the API and the foster activities:
 * the instruments' versions (the product's installed on first use), the survey sent (its
 * instrument version and language), its one-time links (in `reference_links`, by the
 * survey's `survey:<id>` reference) and its answer (`survey_responses`). Answering records
 * the response and spends every link of the survey in one transaction, once.
 */
import type { Db } from '../../../db';
import { hashToken } from '../../../platform/activities/one-time-links';
import type { SurveyInstrument, Answer } from '../surveys/instrument';
import { RELATIONSHIP_QUALITY, SHIPPED_INSTRUMENT } from '../surveys/relationship-quality';

/** The `reference_id` of a survey's one-time links (never a reference's answer link). */
export const surveyLinkRef = (surveyId: string): string => `survey:${surveyId}`;
export const SURVEY_LINK_PREFIX = 'survey:';
/** Who installed the shipped instrument, as `created_by`. */
const PRODUCT = 'mentorflow';

const installed = new WeakMap<Db, Promise<void>>();

/** The shipped instrument in the table, once per process (a version already there is left alone). */
export function ensureShippedInstrument(db: Db): Promise<void> {
  let done = installed.get(db);
  if (!done) {
    const { id, version, ...definition } = SHIPPED_INSTRUMENT;
    done = db
      .insertInto('survey_instruments')
      .values({
        id,
        version,
        created_by: PRODUCT,
        reason: 'The relationship-quality instrument the product ships',
        definition: JSON.stringify(definition),
      })
      .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
      .execute()
      .then(() => undefined);
    installed.set(db, done);
    done.catch(() => installed.delete(db));
  }
  return done;
}

export interface StoredInstrument extends SurveyInstrument {
  createdAt: string;
  createdBy: string;
  reason: string;
}

type Row = { id: string; version: number; created_at: Date; created_by: string; reason: string; definition: unknown };
export const toInstrument = (r: Row): StoredInstrument => ({
  ...(r.definition as Omit<SurveyInstrument, 'id' | 'version'>),
  id: r.id,
  version: r.version,
  createdAt: new Date(r.created_at).toISOString(),
  createdBy: r.created_by,
  reason: r.reason,
});

/** One version of an instrument, or its newest when `version` is not given. */
export async function loadInstrument(
  db: Db,
  id: string = RELATIONSHIP_QUALITY,
  version?: number,
): Promise<StoredInstrument | undefined> {
  await ensureShippedInstrument(db);
  let q = db.selectFrom('survey_instruments').selectAll().where('id', '=', id);
  q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
  const row = await q.executeTakeFirst();
  return row ? toInstrument(row) : undefined;
}

/** The survey a live one-time link opens (unknown, spent and expired links: undefined). */
export async function surveyOfToken(db: Db, token: string) {
  const link = await db
    .selectFrom('reference_links')
    .select(['token_hash', 'reference_id', 'used_at', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .where('reference_id', 'like', `${SURVEY_LINK_PREFIX}%`)
    .executeTakeFirst();
  if (!link || link.used_at || new Date(link.expires_at).getTime() <= Date.now()) return undefined;
  const survey = await db
    .selectFrom('survey_invitations')
    .selectAll()
    .where('survey_id', '=', link.reference_id.slice(SURVEY_LINK_PREFIX.length))
    .executeTakeFirst();
  return survey && { ...survey, tokenHash: link.token_hash };
}

export interface ResponseRow {
  surveyId: string;
  matchCaseId: string;
  respondent: string;
  round: string;
  instrumentId: string;
  instrumentVersion: number;
  language: string;
  score: number;
  answers: Answer[];
  collected: 'link' | 'phone';
  collectedBy?: string;
}

/**
 * Records a survey's answer and spends every one of its links, in one transaction. False when
 * it was answered already (or, with `tokenHash`, that link was spent meanwhile): nothing changes.
 */
export async function recordResponse(db: Db, r: ResponseRow, tokenHash?: string): Promise<boolean> {
  try {
    return await saveResponse(db, r, tokenHash);
  } catch (err) {
    if (err instanceof AlreadyAnswered) return false;
    throw err;
  }
}

function saveResponse(db: Db, r: ResponseRow, tokenHash?: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (tokenHash) {
      const spent = await trx
        .updateTable('reference_links')
        .set({ used_at: new Date() })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) return false;
    }
    const saved = await trx
      .insertInto('survey_responses')
      .values({
        survey_id: r.surveyId,
        match_case_id: r.matchCaseId,
        respondent: r.respondent,
        round: r.round,
        instrument_id: r.instrumentId,
        instrument_version: r.instrumentVersion,
        language: r.language,
        score: r.score,
        answers: JSON.stringify(r.answers),
        collected: r.collected,
        collected_by: r.collectedBy ?? null,
      })
      .onConflict((oc) => oc.column('survey_id').doNothing())
      .executeTakeFirst();
    if (Number(saved.numInsertedOrUpdatedRows ?? 0) !== 1) {
      // Answered already: the spent link is put back as it was by the rollback.
      if (tokenHash) throw new AlreadyAnswered();
      return false;
    }
    await trx
      .updateTable('reference_links')
      .set({ used_at: new Date() })
      .where('reference_id', '=', surveyLinkRef(r.surveyId))
      .where('used_at', 'is', null)
      .execute();
    return true;
  });
}

/** Thrown inside the transaction to roll it back: the survey had its answer already. */
class AlreadyAnswered extends Error {}
