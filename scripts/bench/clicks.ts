/**
 * P6 of `npm run bench`: what one person waiting on one click feels. Each action a person
 * takes — start a case, complete a task, open the inbox, open a case — timed through the API
 * (p50 and p99) with 1 client and with 16 at once; beside it the same start and completion
 * on Temporal directly (the floor code of P1 and P2), and the Flowable peer's start,
 * completion, task list and process instance (scripts/bench/peer.ts), all in one run.
 */
import { enrollByApi, enrollDirect, completeDirect, actors, type People } from './leave';
import { load, http } from './load';
import { nextId, openReviews, type Figure, type Sizes } from './measures';
import { untilQuiet, type BenchServices } from './services';
import type { ClickSet } from './report';

/** The concurrencies P6 is measured at, mentorflow's and the peer's alike. */
export const CLICK_CLIENTS = [1, 16] as const;

/** How many samples of each action at `clients`. */
export const samplesAt = (n: Pick<Sizes, 'clicks' | 'clicksMany'>, clients: number) =>
  clients === 1 ? n.clicks : n.clicksMany;

export async function p6Clicks(s: BenchServices, people: People, n: Sizes): Promise<Figure> {
  const sets: ClickSet[] = [];
  for (const clients of CLICK_CLIENTS) {
    const count = samplesAt(n, clients);
    // Each action on a quiet worker, so the leftovers of the one before do not count.
    await untilQuiet(s.workers);
    const cases: string[] = [];
    const start = await load(count, clients, async () =>
      cases.push((await enrollByApi(s.api(), people, nextId('p6a'))).id),
    );
    await untilQuiet(s.workers);
    const startDirect = await load(count, clients, () =>
      enrollDirect(s.client, s.taskQueue, people, nextId('p6d'), s.apiUrl),
    );
    const { viaApi, direct } = await openReviews(s, people, count, n.concurrency);
    await untilQuiet(s.workers);
    const complete = await load(viaApi.length, clients, (i) =>
      http('POST', `${s.api()}/api/v1/tasks/${viaApi[i]}/complete`, people.tokens.hr, { outcome: 'approve' }),
    );
    await untilQuiet(s.workers);
    const completeFloor = await load(direct.length, clients, (i) =>
      completeDirect(s.client, direct[i], 'approve', actors.hr),
    );
    await untilQuiet(s.workers);
    const inbox = await load(count, clients, () => http('GET', `${s.api()}/api/v1/tasks?limit=50`, people.tokens.hr));
    const open = await load(count, clients, (i) =>
      http('GET', `${s.api()}/api/v1/cases/${cases[i % cases.length]}`, people.tokens.coordinator),
    );
    sets.push({
      clients,
      timed: { start, complete, inbox, open },
      direct: { start: startDirect, complete: completeFloor },
    });
  }
  const one = sets[0];
  const ratio = one.timed.complete.p50 / one.direct!.complete!.p50;
  const failures = sets.flatMap((x) => Object.values(x.timed)).reduce((f, r) => f + r.failures, 0);
  return {
    id: 'P6',
    name: `one click at 1 client: completing a task, p50 (start ${one.timed.start.p50.toFixed(0)}, inbox ${one.timed.inbox.p50.toFixed(0)}, case ${one.timed.open.p50.toFixed(0)} ms; the whole table below)${failures ? ` (${failures} failed)` : ''}`,
    value: one.timed.complete.p50,
    floor: one.direct!.complete!.p50,
    unit: 'ms',
    ratio,
    target: 'p50 ≤ 1.5× floor (as P2)',
    met: ratio <= 1.5,
    detail: { sets },
  };
}
