/**
 * The certification question bank as versioned data (docs/administration.md, "Words"): the
 * versions in `question_banks`, the two the product ships installed the first time the API
 * needs the bank (version 1, the first 18 questions; version 2, question-bank-v2.json), and
 * the routes to read a version and to publish a new one (admin; checked whole, nothing saved
 * when refused, recorded in the audit log).
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../../db';
import { recordAudit } from '../../../platform/api/audit';
import { actorOf } from '../../../platform/api/auth';
import { notFound } from '../../../platform/api/errors';
import type { ApiBuilder } from '../../../platform/api/http';
import { questionBankInput, questionListInput, TRANSLATION_LANGUAGES } from '../question-bank';
import shippedBank from '../question-bank-v2.json';
import { ANSWER_TYPE_NAMES, QUESTIONS, STANDARDS, type Question, type QuestionBank } from '../questions';

export interface StoredBank extends QuestionBank {
  createdAt: string;
  createdBy: string;
  reason: string;
}

/** Who installed the shipped versions, as the `created_by` of their rows. */
const PRODUCT = 'mentorflow';

const installed = new WeakMap<Db, Promise<void>>();

/** Versions 1 and 2 in the table, once per API process (a version already there is left alone). */
export function ensureShippedBanks(db: Db): Promise<void> {
  let done = installed.get(db);
  if (!done) {
    done = installShippedBanks(db);
    installed.set(db, done);
    // A failure (the database away) is tried again by the next request.
    done.catch(() => installed.delete(db));
  }
  return done;
}

/** The versions the product ships. */
const SHIPPED = [
  { version: 1, reason: 'The first 18 questions, asked before the bank was versioned', questions: QUESTIONS },
  {
    version: shippedBank.version,
    reason: shippedBank.reason,
    questions: questionListInput.parse(shippedBank.questions),
  },
];

async function installShippedBanks(db: Db): Promise<void> {
  await db
    .insertInto('question_banks')
    .values(SHIPPED.map((r) => ({ ...r, created_by: PRODUCT, questions: JSON.stringify(r.questions) })))
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
}

/**
 * A stored version's questions, with the product's own wording in other languages for a version
 * it shipped: a database that installed it before the product had that wording reads it too (the
 * row stays as it was; only a question whose id and English text are the shipped one's gains it).
 */
function withShippedWording(version: number, createdBy: string, questions: Question[]): Question[] {
  const shipped = createdBy === PRODUCT ? SHIPPED.find((b) => b.version === version) : undefined;
  if (!shipped) return questions;
  const byId = new Map(shipped.questions.map((q) => [q.id, q]));
  return questions.map((q) => {
    const theirs = byId.get(q.id);
    return theirs?.translations && theirs.text === q.text
      ? { ...q, translations: { ...theirs.translations, ...q.translations } }
      : q;
  });
}

function toBank(r: { version: number; created_at: Date; created_by: string; reason: string; questions: unknown }) {
  return {
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
    reason: r.reason,
    questions: withShippedWording(r.version, r.created_by, r.questions as Question[]),
  };
}

/** One version, or the newest when `version` is not given; undefined when there is no such version. */
export async function loadBank(db: Db, version?: number): Promise<StoredBank | undefined> {
  await ensureShippedBanks(db);
  let q = db.selectFrom('question_banks').selectAll();
  q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
  const row = await q.executeTakeFirst();
  return row ? toBank(row) : undefined;
}

const questionSchema = z
  .object({
    id: z.string(),
    standard: z.enum(STANDARDS),
    text: z.string().describe('The question in English'),
    translations: z
      .record(z.enum(TRANSLATION_LANGUAGES), z.string())
      .optional()
      .describe('The question in other languages, by language code; English (`text`) where a language has none'),
    answerType: z.enum(ANSWER_TYPE_NAMES),
  })
  .openapi('AssessmentQuestion');
const bankSummarySchema = z
  .object({ version: z.number().int(), createdAt: z.string(), createdBy: z.string(), reason: z.string() })
  .openapi('QuestionBankSummary');
const bankSchema = bankSummarySchema.extend({ questions: z.array(questionSchema) }).openapi('QuestionBank');

export function registerQuestionBankRoutes(api: ApiBuilder, db: Db): void {
  api.route({
    method: 'get',
    path: '/certifications/questions',
    tag: 'certification',
    auth: 'public',
    summary: 'The self-assessment question bank, by standard: one version, or the newest',
    query: z.object({ version: z.coerce.number().int().min(1).max(1_000_000).optional() }).strict(),
    response: z.object({ version: z.number().int(), items: z.array(questionSchema) }),
    errors: [404],
    handler: async ({ query }) => {
      const bank = await loadBank(db, query?.version);
      if (!bank) throw notFound(`Version ${query?.version} of the question bank`);
      return { body: { version: bank.version, items: bank.questions } };
    },
  });

  api.route({
    method: 'get',
    path: '/certifications/question-banks',
    tag: 'certification',
    auth: ['admin'],
    summary: 'Every version of the question bank, newest first, with who published it and why',
    response: z.object({ items: z.array(bankSummarySchema.extend({ questions: z.number().int() })) }),
    handler: async () => {
      await ensureShippedBanks(db);
      const rows = await db
        .selectFrom('question_banks')
        .select(['version', 'created_at', 'created_by', 'reason', sql<number>`jsonb_array_length(questions)`.as('n')])
        .orderBy('version', 'desc')
        .execute();
      return { body: { items: rows.map((r) => ({ ...toBank({ ...r, questions: [] }), questions: Number(r.n) })) } };
    },
  });

  api.route({
    method: 'post',
    path: '/certifications/question-banks',
    tag: 'certification',
    auth: ['admin'],
    summary: 'Publishes a new version of the question bank; self-assessments started after it use it',
    body: questionBankInput,
    response: bankSchema,
    status: 201,
    handler: async ({ user, body }) => {
      await ensureShippedBanks(db);
      const actor = actorOf(user);
      const row = await db.transaction().execute(async (tx) => {
        // One publisher at a time: each takes the next number.
        await sql`LOCK TABLE question_banks IN EXCLUSIVE MODE`.execute(tx);
        const last = await tx
          .selectFrom('question_banks')
          .select((eb) => eb.fn.max('version').as('v'))
          .executeTakeFirstOrThrow();
        const previous = Number(last.v ?? 0);
        const saved = await tx
          .insertInto('question_banks')
          .values({
            version: previous + 1,
            created_by: actor.id,
            reason: body.reason,
            questions: JSON.stringify(body.questions),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(tx, {
          actor,
          kind: 'question_bank_published',
          target: `question_bank:${saved.version}`,
          before: { version: previous },
          after: { version: saved.version, questions: body.questions.length },
          reason: body.reason,
        });
        return saved;
      });
      return { body: toBank(row) };
    },
  });
}
