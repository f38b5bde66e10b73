/**
 * The bench's results as a person reads them: a table (figure, floor, ratio, target) with
 * the peer beside mentorflow, the same as JSON, and a bar chart (SVG) — all under
 * bench/results/ (the latest run as latest.*, each run also by its date); P6's table (a row
 * per click and concurrency) and the run's last line, which CI reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../lib/config';
import type { Figure } from './measures';
import type { PeerFigures } from './peer';
import type { LoadResult } from './load';

export const RESULTS = path.join(ROOT, 'bench', 'results');

const fmt = (v: number, unit: string) =>
  Number.isNaN(v) ? 'n/a' : `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${unit}`;

export function table(figures: Figure[], peer?: PeerFigures): string {
  const lines = [
    '| figure | mentorflow | floor (Temporal direct) | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of figures) {
    lines.push(
      `| ${f.id} ${f.name} | ${fmt(f.value, f.unit)} | ${fmt(f.floor, f.unit)} | ${f.ratio.toFixed(2)} | ${f.target} | ${f.met ? 'yes' : 'no'} |`,
    );
  }
  if (peer) {
    const p1 = figures.find((f) => f.id === 'P1');
    const p2 = figures.find((f) => f.id === 'P2');
    lines.push(
      '',
      `| same work on the peer, ${peer.name} | peer | mentorflow | Temporal direct |`,
      '| --- | --- | --- | --- |',
    );
    lines.push(
      `| processes started per second | ${fmt(peer.starts.perSecond, '/s')} | ${fmt(p1?.value ?? NaN, '/s')} | ${fmt(p1?.floor ?? NaN, '/s')} |`,
    );
    lines.push(
      `| task completion p50 / p99 | ${fmt(peer.completions.p50, 'ms')} / ${fmt(peer.completions.p99, 'ms')} | ${fmt(p2?.value ?? NaN, 'ms')} | ${fmt(p2?.floor ?? NaN, 'ms')} |`,
    );
  }
  return lines.join('\n');
}

/** P6's actions: what a person does and waits on. */
export const ACTIONS = {
  start: 'start a case',
  complete: 'complete a task',
  inbox: 'open the inbox (50 tasks)',
  open: 'open a case',
} as const;
export type Action = keyof typeof ACTIONS;

/** One concurrency's timings: each action, and where it makes sense its floor. */
export interface ClickSet {
  clients: number;
  timed: Record<Action, LoadResult>;
  direct?: Partial<Record<Action, LoadResult>>;
}

// A 202 is the API saying the case is still working on it: the person did not get the answer in time.
const failures = (r: LoadResult) =>
  r.failures ? ` (${r.failures} ${/: 202 /.test(r.firstError ?? '') ? 'not answered in time: 202' : 'failed'})` : '';
const cell = (r?: LoadResult) => (r ? `${r.p50.toFixed(0)} / ${r.p99.toFixed(0)} ms${failures(r)}` : '—');

/** P6 as a person reads it: a row per action and concurrency, mentorflow beside its floor and the peer. */
export function clicksTable(p6: Figure | undefined, peer?: ClickSet[], peerName = 'peer'): string {
  const sets = (p6?.detail.sets ?? []) as ClickSet[];
  const lines = [
    `| P6 one click, p50 / p99 | clients (samples) | mentorflow | Temporal direct | ${peerName} |`,
    '| --- | --- | --- | --- | --- |',
  ];
  for (const action of Object.keys(ACTIONS) as Action[])
    for (const set of sets) {
      const theirs = peer?.find((x) => x.clients === set.clients);
      lines.push(
        `| ${ACTIONS[action]} | ${set.clients} (${set.timed[action].count}) | ${cell(set.timed[action])} | ${cell(set.direct?.[action])} | ${cell(theirs?.timed[action])} |`,
      );
    }
  return lines.join('\n');
}

/** The run's last line: P1..P5 against their floors, P6 and PEER1 against the peer (NaN without it). */
export function headline(figures: Figure[], peer?: PeerFigures) {
  const by = (id: string) => figures.find((f) => f.id === id)!;
  const line = {
    P1: by('P1').ratio,
    P2: by('P2').ratio,
    P3: by('P3').ratio,
    P4: by('P4').value,
    P5: by('P5').ratio,
    // Completing a task at 1 client, p50, over the peer's; starts per second over the peer's.
    P6: by('P6').value / (peer?.clicks[0]?.timed.complete.p50 ?? NaN),
    PEER1: by('P1').value / (peer?.starts.perSecond ?? NaN),
  };
  const text = `bench: P1 ${line.P1.toFixed(2)} P2 ${line.P2.toFixed(2)} P3 ${line.P3.toFixed(2)} P4 ${line.P4.toFixed(0)} P5 ${line.P5.toFixed(2)} P6 ${line.P6.toFixed(2)} PEER1 ${line.PEER1.toFixed(2)}`;
  return { line, text };
}

/** Grouped horizontal bars: per figure, mentorflow, the floor and (P1, P2, P6) the peer. */
export function chart(figures: Figure[], peer?: PeerFigures): string {
  const rows: { label: string; bars: { name: string; value: number; unit: string; colour: string }[] }[] = figures
    .filter((f) => f.id !== 'P4')
    .map((f) => ({
      label: `${f.id} (${f.unit === 'ms' ? 'lower is better' : 'higher is better'})`,
      bars: [
        { name: 'mentorflow', value: f.value, unit: f.unit, colour: '#005ea2' },
        { name: f.id === 'P3' ? 'at 1k rows' : 'Temporal direct', value: f.floor, unit: f.unit, colour: '#71767a' },
        ...(peer && f.id === 'P1'
          ? [{ name: 'Flowable', value: peer.starts.perSecond, unit: '/s', colour: '#e5a000' }]
          : []),
        ...(peer && f.id === 'P2'
          ? [{ name: 'Flowable', value: peer.completions.p50, unit: 'ms', colour: '#e5a000' }]
          : []),
        ...(peer && f.id === 'P6' && peer.clicks.length
          ? [{ name: 'Flowable', value: peer.clicks[0].timed.complete.p50, unit: 'ms', colour: '#e5a000' }]
          : []),
      ],
    }));
  const p4 = figures.find((f) => f.id === 'P4');
  if (p4)
    rows.push({
      label: 'P4 worker memory (lower is better)',
      bars: [
        { name: 'mentorflow', value: p4.value, unit: 'MB', colour: '#005ea2' },
        { name: 'budget', value: 512, unit: 'MB', colour: '#71767a' },
      ],
    });
  let y = 40;
  const parts: string[] = [];
  for (const r of rows) {
    const max = Math.max(1e-9, ...r.bars.map((b) => (Number.isNaN(b.value) ? 0 : b.value)));
    parts.push(`<text x="10" y="${y}" font-size="14" font-weight="bold">${r.label}</text>`);
    y += 10;
    for (const b of r.bars) {
      const w = Number.isNaN(b.value) ? 0 : (b.value / max) * 420;
      parts.push(
        `<text x="20" y="${y + 13}" font-size="12">${b.name}</text><rect x="150" y="${y}" width="${w.toFixed(1)}" height="16" fill="${b.colour}"/><text x="${(156 + w).toFixed(1)}" y="${y + 13}" font-size="12">${fmt(b.value, b.unit)}</text>`,
      );
      y += 22;
    }
    y += 18;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="720" height="${y}" font-family="sans-serif" role="img"><title>mentorflow bench</title><rect width="100%" height="100%" fill="#fff"/><text x="10" y="20" font-size="16">mentorflow bench — ${new Date().toISOString().slice(0, 16)}Z</text>${parts.join('')}</svg>\n`;
}

/** Writes latest.* and a dated copy; a run on another topology (`suffix`, e.g. 'cluster') as latest-<suffix>.*. */
export function writeResults(
  figures: Figure[],
  peer: PeerFigures | undefined,
  meta: Record<string, unknown>,
  suffix = '',
): string {
  mkdirSync(RESULTS, { recursive: true });
  const tail = suffix ? `-${suffix}` : '';
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19) + tail;
  const json = `${JSON.stringify({ ...meta, figures, peer }, null, 2)}\n`;
  const svg = chart(figures, peer);
  const plans = figures.find((f) => f.id === 'P3')?.detail.plans as Record<string, string> | undefined;
  for (const name of [`latest${tail}`, stamp]) {
    writeFileSync(path.join(RESULTS, `${name}.json`), json);
    writeFileSync(path.join(RESULTS, `${name}.svg`), svg);
    if (plans)
      writeFileSync(
        path.join(RESULTS, `${name}-explain.txt`),
        Object.entries(plans)
          .map(([k, v]) => `-- ${k} at 100k rows\n${v}\n`)
          .join('\n'),
      );
  }
  return path.join(RESULTS, `latest${tail}.svg`);
}
