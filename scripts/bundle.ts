/**
 * `npm run bundle`: the workflow code as one file (what every worker of a deployment
 * loads; WORKFLOW_BUNDLE_PATH points at it), so a worker starts in a second instead of
 * running webpack. Built with the tracing interceptors when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set at build time. Default output: dist/workflow-bundle.js. Prints the bundle's build id.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/config';
import { startTracing } from '../lib/tracing';
import { buildIdOf } from '../lib/deployment';
import { buildWorkflowBundle } from '../lib/worker';

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist', 'workflow-bundle.js'));
  startTracing('mentorflow-bundle');
  mkdirSync(path.dirname(out), { recursive: true });
  const code = await buildWorkflowBundle();
  writeFileSync(out, code);
  // The build id its workers run under (docs/deploying.md, "Upgrades and rollbacks").
  console.log(`workflow bundle written to ${out} (build id ${buildIdOf(code)})`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
