/**
 * The policy as versioned data (docs/administration.md, "Rules"). Every save is a new
 * numbered version in `policy_versions` (who, when, why); the newest is what new cases
 * start with, and a running case keeps the one it started with (it is in its input).
 *
 * Version 1 is the policy the MENTORFLOW_POLICY file and the defaults give, written by the
 * first start (API or worker) that finds the table empty; from then on the file is not
 * read for rules again. Every API instance reads the newest version when it starts a case:
 * one indexed read of the newest number per start, the policy itself parsed again only
 * when that number changed — so a save on one instance applies on every other at once,
 * with no cache to expire, no notification channel and no restart.
 */
import { sql, type Selectable, type Transaction } from 'kysely';
import type { Database, Db } from '../db';
import type { PolicyVersionsTable } from '../db/schema';
import type { Policy } from '../platform/workflow/policy';
import { ZodEffects, ZodObject, type ZodTypeAny } from 'zod';
import { policySchema } from './policy';
import { DEFAULT_POLICY } from '../platform/workflow/policy';

/** Where route handlers take the policy a new case starts with. */
export interface PolicySource {
  current(): Promise<Policy>;
}

/** A fixed policy (a test suite's, which must not follow versions another suite saves). */
export function pinnedPolicy(policy: Policy): PolicySource {
  return { current: async () => policy };
}

export interface PolicyActor {
  id: string;
  name?: string;
}

export interface PolicyVersion {
  version: number;
  createdAt: string;
  createdBy: PolicyActor;
  reason: string;
  policy: Policy;
}

/** Who wrote version 1. */
export const SEED_ACTOR: PolicyActor = { id: 'system', name: 'Policy file and defaults' };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The fields a schema's objects declare that a stored value lacks, from the defaults. Maps
 * (mailboxes, task times) are left as saved: an entry an administrator removed stays removed.
 */
function fillMissing(schema: ZodTypeAny, defaults: unknown, stored: unknown): unknown {
  const inner = schema instanceof ZodEffects ? schema.innerType() : schema;
  if (!(inner instanceof ZodObject) || !isObject(defaults) || !isObject(stored)) return stored;
  const out: Record<string, unknown> = { ...stored };
  for (const [k, field] of Object.entries(inner.shape as Record<string, ZodTypeAny>)) {
    if (!(k in stored)) {
      if (k in defaults) out[k] = defaults[k];
    } else out[k] = fillMissing(field, defaults[k], stored[k]);
  }
  return out;
}

/**
 * A stored policy as the code reads it now: a version saved before a section or a field
 * existed takes its default; everything saved is kept as saved.
 */
export function storedPolicy(stored: unknown): Policy {
  const whole = policySchema.safeParse(stored);
  if (whole.success) return whole.data as Policy;
  const filled = policySchema.safeParse(fillMissing(policySchema, DEFAULT_POLICY, stored));
  if (filled.success) return filled.data as Policy;
  const problems = filled.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new Error(`A saved policy version no longer passes the policy's check: ${problems}`);
}

function versionOf(r: Selectable<PolicyVersionsTable>): PolicyVersion {
  return {
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: { id: r.created_by, ...(r.created_by_name ? { name: r.created_by_name } : {}) },
    reason: r.reason,
    policy: storedPolicy(r.policy),
  };
}

export class PolicyVersions implements PolicySource {
  private cached?: PolicyVersion;

  constructor(
    private readonly db: Db,
    /** The policy the file and defaults give: version 1 when the table is empty. */
    private readonly seed: Policy,
    private readonly seedReason = 'Version 1: the policy file and the defaults at first start',
  ) {}

  /** Writes version 1 from the seed when there is no version yet (harmless when another start did). */
  async ensureSeeded(): Promise<void> {
    await this.db
      .insertInto('policy_versions')
      .values({
        version: 1,
        created_by: SEED_ACTOR.id,
        created_by_name: SEED_ACTOR.name ?? null,
        reason: this.seedReason,
        policy: JSON.stringify(this.seed),
      })
      .onConflict((oc) => oc.column('version').doNothing())
      .execute();
  }

  async newestNumber(db: Db | Transaction<Database> = this.db): Promise<number | undefined> {
    const row = await db
      .selectFrom('policy_versions')
      .select('version')
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.version;
  }

  /** The newest version (version 1 written first when there is none). */
  async newest(): Promise<PolicyVersion> {
    let n = await this.newestNumber();
    if (n === undefined) {
      await this.ensureSeeded();
      n = (await this.newestNumber())!;
    }
    if (this.cached?.version !== n) this.cached = (await this.get(n))!;
    return this.cached;
  }

  async current(): Promise<Policy> {
    return (await this.newest()).policy;
  }

  async get(version: number, db: Db | Transaction<Database> = this.db): Promise<PolicyVersion | undefined> {
    const row = await db.selectFrom('policy_versions').selectAll().where('version', '=', version).executeTakeFirst();
    return row ? versionOf(row) : undefined;
  }

  /** Newest first, `limit` of them, older than `before` when given. */
  async list(q: { before?: number; limit: number }): Promise<PolicyVersion[]> {
    await this.newest();
    let query = this.db.selectFrom('policy_versions').selectAll();
    if (q.before !== undefined) query = query.where('version', '<', q.before);
    const rows = await query.orderBy('version', 'desc').limit(q.limit).execute();
    return rows.map(versionOf);
  }

  /**
   * Saves a validated policy as the next version, in the caller's transaction (its audit
   * row goes in the same one). Saves are taken one at a time: each sees the version before
   * it. With `baseVersion`, a save that was prepared against an older version is refused
   * (`stale`), so two administrators never overwrite each other unseen.
   */
  async save(
    tx: Transaction<Database>,
    s: { policy: Policy; reason: string; actor: PolicyActor; baseVersion?: number },
  ): Promise<{ saved: PolicyVersion; previous: PolicyVersion } | { stale: number }> {
    await sql`LOCK TABLE policy_versions IN EXCLUSIVE MODE`.execute(tx);
    const newest = await this.newestNumber(tx);
    const previous = newest === undefined ? undefined : await this.get(newest, tx);
    if (!previous) throw new Error('policy_versions is empty: version 1 is written at start');
    if (s.baseVersion !== undefined && s.baseVersion !== previous.version) return { stale: previous.version };
    const row = await tx
      .insertInto('policy_versions')
      .values({
        version: previous.version + 1,
        created_by: s.actor.id,
        created_by_name: s.actor.name ?? null,
        reason: s.reason,
        policy: JSON.stringify(s.policy),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { saved: versionOf(row), previous };
  }
}
