/**
 * The chaos run's HTTP client: a person with a signed token who calls the API the way a
 * patient client would while processes die under it — a network error, a 5xx, a 202
 * (still working) or a 409 for a request still in progress is tried again (with the
 * same Idempotency-Key), and waits poll the read model until what was asked for shows.
 * It counts what it had to retry, for the run's table.
 */
import { mintToken } from '../../platform/api/auth';

export interface Person {
  sub: string;
  roles: string[];
  name?: string;
  email?: string;
  department?: string;
  programId?: string;
  collegeId?: string;
}
export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export const stats = { requests: 0, retried: 0, accepted202: 0, giveUps: 0 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Api {
  private tokens = new Map<string, Promise<string>>();

  constructor(
    readonly baseUrls: string[],
    private readonly secret: string,
    private readonly patienceMs = 300_000,
  ) {}

  private token(p: Person): Promise<string> {
    if (!this.tokens.has(p.sub)) this.tokens.set(p.sub, mintToken(this.secret, p, '6h'));
    return this.tokens.get(p.sub)!;
  }

  /** One attempt; a network failure is status 0. Requests alternate between the API processes. */
  async once(
    p: Person | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    stats.requests++;
    const h: Record<string, string> = { ...headers };
    if (p) h.authorization = `Bearer ${await this.token(p)}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const base = this.baseUrls[stats.requests % this.baseUrls.length];
    try {
      const res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed };
    } catch {
      return { status: 0, body: undefined };
    }
  }

  /** Until every API process answers /ready. */
  async ready(): Promise<void> {
    for (const base of this.baseUrls) {
      for (let i = 0; ; i++) {
        const ok = await fetch(`${base}/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (i > 600) throw new Error(`${base} never became ready`);
        await sleep(200);
      }
    }
  }

  get(p: Person, path: string): Promise<Reply> {
    return this.until(p, path, (r) => r.status === 200, 'GET');
  }

  /** GET `path` until `ok` holds for the answer (transient failures included). */
  async until(p: Person, path: string, ok: (r: Reply) => boolean, what: string): Promise<Reply> {
    const deadline = Date.now() + this.patienceMs;
    for (let wait = 100; ; wait = Math.min(wait * 1.5, 2000)) {
      const r = await this.once(p, 'GET', path);
      if (ok(r)) return r;
      if (Date.now() > deadline) {
        stats.giveUps++;
        throw new Error(
          `${what}: gave up waiting on ${path} (last ${r.status} ${JSON.stringify(r.body).slice(0, 300)})`,
        );
      }
      await sleep(wait);
    }
  }

  /**
   * A POST tried until it is answered for good. `done` decides, after a failed attempt,
   * whether an earlier attempt took effect (a completed task answers 409 the second time).
   */
  async post(
    p: Person | undefined,
    path: string,
    body: unknown,
    opts: { key?: string; done?: () => Promise<boolean> } = {},
  ): Promise<Reply> {
    const deadline = Date.now() + this.patienceMs;
    let failedBefore = false;
    for (let wait = 200; ; wait = Math.min(wait * 1.5, 3000)) {
      const r = await this.once(p, 'POST', path, body, opts.key ? { 'Idempotency-Key': opts.key } : {});
      if (r.status === 202) stats.accepted202++;
      // A 202 with a key is asked again: the same key finds the same work and its answer.
      if (r.status >= 200 && r.status < 300 && !(r.status === 202 && opts.key)) return r;
      const transient =
        r.status === 0 ||
        r.status >= 500 ||
        r.status === 429 ||
        r.status === 202 ||
        (r.status === 409 && r.body?.code === 'request_in_progress');
      if (!transient && failedBefore && opts.done && (await opts.done())) return r;
      if (!transient && !(failedBefore && opts.done))
        throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      if (Date.now() > deadline) {
        stats.giveUps++;
        throw new Error(`POST ${path}: gave up (last ${r.status} ${JSON.stringify(r.body).slice(0, 300)})`);
      }
      failedBefore = true;
      stats.retried++;
      await sleep(wait);
    }
  }
}
