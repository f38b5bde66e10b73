/**
 * `npm run web:build`: the web app, built the way its users get it. Writes the API's
 * OpenAPI document and the client types from it (so an API change breaks this build,
 * not the user), typechecks web/ (TypeScript strict), bundles with Vite into web/dist,
 * and checks the JavaScript a first visit loads (the entry and what it preloads) stays
 * under 250 kB gzipped, for people on slow connections, and that no source map is
 * published. `npm start` and `npm test` run it when web/dist is missing or older than its
 * sources (web/src, web/index.html, web/vite.config.ts, the API's routes).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../lib/config';

export const INITIAL_JS_BUDGET = 250 * 1024;
const WEB = path.join(ROOT, 'web');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

/** Gzipped bytes of the JavaScript the built index.html loads at once. */
export function initialJsBytes(): { bytes: number; files: string[] } {
  const dist = path.join(WEB, 'dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map(
    (m) => m[1],
  );
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dist, f))).length, 0);
  return { bytes, files };
}

/** Source maps in the built app: `.map` files, or a `sourceMappingURL` comment in JS or CSS. */
export function publishedSourceMaps(dir = path.join(WEB, 'dist')): string[] {
  const found: string[] = [];
  for (const f of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!f.isFile()) continue;
    const p = path.join(f.parentPath, f.name);
    const linked = /\.(js|mjs|css)$/.test(f.name) && /[#@] sourceMappingURL=/.test(readFileSync(p, 'utf8'));
    if (f.name.endsWith('.map') || linked) found.push(path.relative(dir, p));
  }
  return found;
}

function newest(dir: string): number {
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  let t = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    if (f.name === 'generated') continue;
    const p = path.join(dir, f.name);
    t = Math.max(t, f.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** True when web/dist is missing or older than the web app's sources or the API's routes. */
export function webBuildStale(): boolean {
  const index = path.join(WEB, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [
    path.join(WEB, 'src'),
    path.join(WEB, 'index.html'),
    path.join(WEB, 'vite.config.ts'),
    path.join(ROOT, 'platform', 'api'),
    path.join(ROOT, 'processes'),
  ];
  return sources.some((d) => newest(d) > built);
}

export function buildWeb(): void {
  const run = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  run(process.execPath, [bin('tsx'), path.join(ROOT, 'scripts', 'openapi.ts')]);
  run(bin('openapi-typescript'), [
    path.join(WEB, 'src/api/generated/openapi.json'),
    '-o',
    path.join(WEB, 'src/api/generated/schema.d.ts'),
  ]);
  run(bin('tsc'), ['--noEmit', '-p', WEB]);
  run(bin('vite'), ['build', '--config', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn']);
  const { bytes, files } = initialJsBytes();
  console.log(
    `web: initial JavaScript ${(bytes / 1024).toFixed(1)} kB gzipped (${files.length} file${files.length === 1 ? '' : 's'}; budget ${INITIAL_JS_BUDGET / 1024} kB)`,
  );
  const maps = publishedSourceMaps();
  if (maps.length) throw new Error(`the build publishes source maps: ${maps.join(', ')}`);
  if (bytes > INITIAL_JS_BUDGET)
    throw new Error(
      `the initial JavaScript is ${(bytes / 1024).toFixed(1)} kB gzipped, over the ${INITIAL_JS_BUDGET / 1024} kB budget`,
    );
}

if (require.main === module) {
  try {
    buildWeb();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
