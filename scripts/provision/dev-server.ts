/**
 * Starts `temporal server start-dev` with the project's search attributes registered, Worker
 * Versioning on (and its UI pointed at the API's codec endpoint when one is given).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { DEV_SERVER_DYNAMIC_CONFIG, SEARCH_ATTRIBUTES, VERSIONING_DYNAMIC_CONFIG } from '../../temporal.config';
import { resolveTemporalCli } from './tools';

export function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = net.connect(port, host);
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing answered on ${host}:${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

export interface DevServer {
  process: ChildProcess;
  address: string;
  stop(): Promise<void>;
}

export async function startDevServer(opts: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  log?: boolean;
  /** The API's codec endpoint (…/codec), which the UI asks to show encrypted payloads in clear. */
  codecEndpoint?: string;
  /** More dynamic configuration (key: value), over the product's. */
  dynamicConfig?: Record<string, unknown>;
}): Promise<DevServer> {
  const cli = resolveTemporalCli();
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--namespace',
    'default',
    '--log-level',
    'error',
  ];
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.uiPort && opts.codecEndpoint) args.push('--ui-codec-endpoint', opts.codecEndpoint);
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  for (const [key, value] of Object.entries({
    ...VERSIONING_DYNAMIC_CONFIG,
    ...DEV_SERVER_DYNAMIC_CONFIG,
    ...opts.dynamicConfig,
  })) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }
  const child = spawn(cli, args, {
    stdio: ['ignore', opts.log ? 'inherit' : 'ignore', opts.log ? 'inherit' : 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([
    waitForPort(opts.port),
    exited.then(() => {
      throw new Error(`the Temporal dev server exited early (${cli} ${args.join(' ')})`);
    }),
  ]);
  return {
    process: child,
    address: `127.0.0.1:${opts.port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
