/**
 * `npm run bundle`: the workflow code as one file (what every worker of a deployment
 * loads; WORKFLOW_BUNDLE_PATH points at it), so a worker starts in a second instead of
 * running webpack. Built with the tracing interceptors when OTEL_EXPORTER_OTLP_ENDPOINT
 * is set at build time. Default output: dist/workflow-bundle.js.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/config';
import { startTracing } from '../lib/tracing';
import { buildWorkflowBundle } from '../lib/worker';

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist', 'workflow-bundle.js'));
  startTracing('mentorflow-bundle');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, await buildWorkflowBundle());
  console.log(`workflow bundle written to ${out}`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
