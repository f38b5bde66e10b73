/**
 * The product's processes as the chaos run and `npm run cluster` start them: each worker
 * and API is its own Node process (so SIGKILL takes it down the way a crash would),
 * pointed at services by the same environment variables an operator sets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../lib/config';

/**
 * One process of the product, supervised the way systemd or Kubernetes would: one that
 * exits on its own is counted as a crash and started again. Kills by the run are not crashes.
 */
export class ProductProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private stopping = false;
  starts = 0;
  crashes: string[] = [];

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  start(): void {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', this.script)], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => {
      if (this.stopping || this.child !== child) return;
      this.crashes.push(
        `${this.name} exited by itself (${signal ?? `code ${code}`}); see ${path.basename(this.logFile)}`,
      );
      setTimeout(() => !this.stopping && this.child === child && this.start(), 1000);
    });
    this.stopping = false;
    this.child = child;
    this.starts++;
  }

  /** The operating system's id of the running process (for its resident memory). */
  get pid(): number | undefined {
    return this.running ? this.child!.pid : undefined;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: no shutdown hook runs, in-flight work is simply gone. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, graceMs))]);
    await this.kill();
  }
}
