/**
 * What a reader of `npm run bench` sees of P6 and the peer (scripts/bench/report.ts): the
 * last line CI prints carries P6 (completing a task at 1 client, p50, over the peer's) and
 * PEER1 (starts per second over the peer's), and the P6 table shows every click at both
 * concurrencies with mentorflow, its floor where there is one, and the peer. Made-up
 * figures: nothing here is timed.
 */
import { clicksTable, headline, type ClickSet } from '../../scripts/bench/report';
import type { LoadResult } from '../../scripts/bench/load';
import type { Figure } from '../../scripts/bench/measures';
import type { PeerFigures } from '../../scripts/bench/peer';

const timed = (p50: number, p99 = p50 * 2, perSecond = 0): LoadResult => ({
  count: 20,
  failures: 0,
  perSecond,
  p50,
  p99,
});
const set = (clients: number, complete: number, direct = true): ClickSet => ({
  clients,
  timed: { start: timed(200), complete: timed(complete), inbox: timed(20), open: timed(9) },
  ...(direct ? { direct: { start: timed(30), complete: timed(100) } } : {}),
});
const figure = (id: string, value: number, ratio: number, detail: Record<string, unknown> = {}): Figure => ({
  id,
  name: id,
  value,
  floor: value / ratio,
  unit: 'ms',
  ratio,
  target: '',
  met: true,
  detail,
});
const figures = [
  figure('P1', 6, 0.2),
  figure('P2', 900, 1.4),
  figure('P3', 100, 0.9),
  figure('P4', 462, 0.9),
  figure('P5', 1.2, 0.9),
  figure('P6', 150, 1.5, { sets: [set(1, 150), set(16, 1400)] }),
];
const peer: PeerFigures = {
  name: 'Flowable',
  starts: timed(40, 80, 24),
  completions: timed(300),
  clicks: [set(1, 100, false), set(16, 400, false)],
  startupSeconds: 30,
};

describe('the bench report', () => {
  it('ends with P6 and PEER1 measured against the peer', () => {
    expect(headline(figures, peer).text).toBe('bench: P1 0.20 P2 1.40 P3 0.90 P4 462 P5 0.90 P6 1.50 PEER1 0.25');
  });

  it('says NaN for P6 and PEER1 when the peer was not measured', () => {
    expect(headline(figures).text).toMatch(/ P6 NaN PEER1 NaN$/);
  });

  it('shows every click at 1 and 16 clients beside its floor and the peer', () => {
    const rows = clicksTable(figures[5], peer.clicks, peer.name).split('\n');
    expect(rows).toHaveLength(2 + 4 * 2);
    expect(rows).toContain('| complete a task | 1 (20) | 150 / 300 ms | 100 / 200 ms | 100 / 200 ms |');
    expect(rows).toContain('| complete a task | 16 (20) | 1400 / 2800 ms | 100 / 200 ms | 400 / 800 ms |');
    // Reads have no Temporal floor: Temporal does not serve an inbox.
    expect(rows).toContain('| open the inbox (50 tasks) | 16 (20) | 20 / 40 ms | — | 20 / 40 ms |');
  });
});
