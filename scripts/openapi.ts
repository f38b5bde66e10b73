/**
 * `npm run openapi [-- path]`: writes the API's OpenAPI document (the same one
 * `/openapi.json` serves) without any service running, for the web app's typed client
 * (`openapi-typescript` turns it into types at build time, so a change of the API breaks
 * the web build, not its users). Default: web/src/api/generated/openapi.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { createApp } from '../platform/api/app';
import { createDb } from '../db';
import { ROOT } from '../lib/config';
import { buildPolicy } from '../lib/policy';

const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'web', 'src', 'api', 'generated', 'openapi.json'));
// Neither the database nor Temporal is reached: the route declarations are all it reads.
const db = createDb('postgres://unused@127.0.0.1:1/unused');
const app = createApp({
  db,
  temporal: new Client(),
  policy: buildPolicy({}, 'http://127.0.0.1:3000'),
  auth: { hsSecret: 'x'.repeat(32) },
});
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(app.locals.openapi, null, 2)}\n`);
console.log(`OpenAPI document written to ${path.relative(process.cwd(), out)}`);
void db.destroy().then(() => process.exit(0));
