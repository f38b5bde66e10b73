/**
 * CPU time by process, for the capacity plan: every process this run started (the tree under
 * this one, read from /proc; nothing else on a shared machine), grouped by what it is — Temporal server, worker, API,
 * PostgreSQL, SMTP catcher, and this driver itself. A process's figure is utime + stime of
 * /proc/<pid>/stat plus cutime + cstime (its children that have exited, such as PostgreSQL
 * backends). CPU time, unlike wall time, does not grow when other work shares the machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

export const ROLES = ['temporal', 'worker', 'api', 'postgres', 'smtp', 'driver'] as const;
export type Role = (typeof ROLES)[number];
/** CPU milliseconds by role. */
export type Cpu = Record<Role, number>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Proc {
  pid: number;
  ppid: number;
  ms: number;
  cmd: string;
}

function procs(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(d), ppid: Number(f[1]), ms: ticks * TICK_MS, cmd });
    } catch {
      // The process ended while we read it.
    }
  }
  return out;
}

/** CPU milliseconds used so far by each role among this run's processes. */
export function cpuByRole(): Cpu {
  const all = procs();
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const roleOf = (p: Proc): Role | undefined => {
    // Walk up to this process: only its descendants count (other work on the machine runs
    // workers, servers and databases of its own). The nearest ancestor that names a role wins.
    let role: Role | undefined;
    for (let q: Proc | undefined = p; q; q = byPid.get(q.ppid)) {
      if (q.pid === process.pid) return role ?? 'driver';
      role ??= /scripts\/worker\.ts/.test(q.cmd)
        ? 'worker'
        : /scripts\/api\.ts/.test(q.cmd)
          ? 'api'
          : /smtp-catcher/.test(q.cmd)
            ? 'smtp'
            : /postgres/.test(q.cmd) && !/temporal/.test(q.cmd)
              ? 'postgres'
              : /temporal/.test(q.cmd) && !/node/.test(q.cmd)
                ? 'temporal'
                : undefined;
    }
    return undefined;
  };
  const cpu = Object.fromEntries(ROLES.map((r) => [r, 0])) as Cpu;
  for (const p of all) {
    const r = roleOf(p);
    if (r) cpu[r] += p.ms;
  }
  return cpu;
}

export const minus = (a: Cpu, b: Cpu): Cpu => Object.fromEntries(ROLES.map((r) => [r, a[r] - b[r]])) as Cpu;
export const scale = (a: Cpu, k: number): Cpu => Object.fromEntries(ROLES.map((r) => [r, a[r] * k])) as Cpu;
/** The product's CPU: every process but this driver. */
export const productMs = (c: Cpu): number => ROLES.filter((r) => r !== 'driver').reduce((n, r) => n + c[r], 0);
