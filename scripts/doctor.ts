/**
 * `npm run doctor [-- --repair] [--json] [--actor ID] [--limit N]`: lists what is
 * inconsistent between Temporal and the read model (lib/doctor), and with `--repair`
 * repairs what the records allow, each repair written on its case's timeline under the
 * actor (default: this machine's user). Dry run by default. Ends with one line,
 * `doctor: N findings (K repairable), R repaired`; with `--json` the report comes first as
 * one line of JSON. Runs against the configured services, like `npm run api`.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { diagnose } from '../lib/doctor/diagnose';
import { summaryLine, type RepairOutcome } from '../lib/doctor/findings';
import { repairFindings } from '../lib/doctor/repair';
import { loadConfig } from '../lib/config';
import { connectClient } from '../lib/temporal';
import { provideDatabase } from './provision/postgres';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      repair: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      actor: { type: 'string' },
      limit: { type: 'string', default: '1000' },
    },
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new Error('--limit wants a whole number of findings, at least 1');
  const config = loadConfig();
  const database = await provideDatabase({
    url: config.databaseUrl,
    database: 'mentorflow',
    port: config.embedded.postgresPort,
  });
  const temporal = await connectClient(config.temporal);
  try {
    const report = await diagnose(database.db, temporal, { maxFindings: limit });
    const actor = values.actor ?? userInfo().username;
    let repairs: RepairOutcome[] = [];
    const by = { id: `operator:${actor}`, name: `${actor} (npm run doctor)` };
    if (values.repair) repairs = await repairFindings(database.db, temporal, report.findings, by);
    if (values.json) {
      console.log(JSON.stringify({ ...report, repairs }));
    } else {
      for (const f of report.findings) {
        const task = f.taskId ? `, task ${f.taskId}` : '';
        console.log(`${f.kind}  case ${f.caseId} (${f.caseType}), workflow ${f.workflowId}${task}`);
        console.log(`    ${f.problem}`);
        console.log(`    repair: ${f.repair ?? 'none from the records: left to a person'}`);
      }
      for (const u of report.unchecked) console.log(`unchecked  case ${u.caseId}, workflow ${u.workflowId}: ${u.why}`);
      for (const r of repairs) {
        console.log(`${r.repaired ? 'repaired' : 'not repaired'}  case ${r.caseId} (${r.kind}): ${r.did}`);
      }
      if (!report.complete) console.log(`the scan stopped at ${limit} findings: repair them, then run again`);
      if (report.findings.some((f) => f.repair) && !values.repair) {
        console.log('dry run: `npm run doctor -- --repair` applies the repairs');
      }
    }
    console.log(summaryLine(report, repairs));
  } finally {
    await temporal.connection.close();
    await database.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
