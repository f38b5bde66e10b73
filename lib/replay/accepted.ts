/**
 * The reviewed list of value changes meant to reach running cases
 * (test/accepted-value-changes.json) and how it is applied to the drifts that replay finds
 * (lib/replay/values.ts). It lives beside the histories, not among them: they are add-only,
 * this list is edited as changes are reviewed.
 */
import { readFileSync } from 'node:fs';
import { sameJson, type Drift } from './values';

/**
 * An accepted value change: drifts that were meant to reach running cases, with the reason.
 * Either one drift (`history`, `event`, `path`, `recorded`, `replayed`, or `replayedAbsent`
 * for a key the replay no longer writes) or a rewrite of one text (`replace: [from, to]`:
 * the replayed value is the recorded one with every `from` made `to`, nothing else changed)
 * over the histories and paths it names (`history` may be `*`, a path may use `[*]`).
 * `count` (default 1) is how many drifts it accepts, exactly: more or fewer makes it stale.
 */
export interface AcceptedChange {
  history: string;
  event?: number;
  command?: string;
  path: string;
  recorded?: unknown;
  replayed?: unknown;
  replayedAbsent?: true;
  replace?: [string, string];
  count?: number;
  reason: string;
}

/** Reads the list (its `changes`). */
export function loadAcceptedChanges(file: string): AcceptedChange[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { changes: AcceptedChange[] }).changes;
}

const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A path with `[*]` for any index, as a RegExp over drift paths. */
const pathPattern = (p: string) => new RegExp(`^${p.split('[*]').map(escape).join('\\[\\d+\\]')}$`);

/** Whether the entry accepts the drift. */
export function accepts(a: AcceptedChange, d: Drift): boolean {
  if (a.history !== '*' && a.history !== d.history) return false;
  if (a.event !== undefined && a.event !== d.event) return false;
  if ((a.command !== undefined && a.command !== d.command) || !pathPattern(a.path).test(d.path)) return false;
  if (a.replace) {
    const [from, to] = a.replace;
    const { recorded, replayed } = d;
    return (
      typeof recorded === 'string' &&
      typeof replayed === 'string' &&
      recorded.includes(from) &&
      recorded.split(from).join(to) === replayed
    );
  }
  if (!sameJson(a.recorded, d.recorded)) return false;
  return a.replayedAbsent ? d.replayed === undefined : d.replayed !== undefined && sameJson(a.replayed, d.replayed);
}

/**
 * Splits drifts into those the list accepts (each by its first matching entry) and those it
 * does not; an entry that does not accept exactly its `count` of drifts is stale (the code
 * changed again, a history was added that it now also covers, or it was written wrong).
 */
export function applyAccepted(
  drifts: Drift[],
  accepted: AcceptedChange[],
): { unaccepted: Drift[]; stale: { entry: AcceptedChange; matched: number }[] } {
  const matched = accepted.map(() => 0);
  const unaccepted: Drift[] = [];
  for (const d of drifts) {
    const i = accepted.findIndex((a) => accepts(a, d));
    if (i < 0) unaccepted.push(d);
    else matched[i]++;
  }
  const stale = accepted
    .map((entry, i) => ({ entry, matched: matched[i] }))
    .filter(({ entry, matched: n }) => n !== (entry.count ?? 1));
  return { unaccepted, stale };
}
