/**
 * `POST /people/import` (docs/administration.md, "Importing people"): an admin uploads a
 * CSV file with a header row, one person a row. Every row is checked first and the answer
 * says, row by row, what happened or what is wrong; a file with any wrong row changes
 * nothing (one transaction), so a half-imported directory never exists. People the file
 * deactivates give their work back after the commit, as a PATCH would.
 */
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Db, DirectoryGrant } from '../../../db';
import { identifier, issuesAt } from '../../workflow/input';
import { recordAudit } from '../audit';
import { CsvError, parseCsv } from '../csv-parse';
import { returnWorkOf, type WorkReturned } from '../deactivation';
import { savePerson, type PersonFields } from '../directory';
import { newPersonBody } from '../person-view';
import { HttpProblem, type ProblemEntry } from '../errors';
import type { ApiBuilder } from '../http';
import { actorOf } from './people';

export const IMPORT_MAX_ROWS = 5000;
/** The upload's size limit (app.ts reads CSV bodies up to this). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

const COLUMNS = [
  'id',
  'name',
  'email',
  'language',
  'roles',
  'department',
  'programId',
  'collegeId',
  'county',
  'supervisorId',
  'active',
] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['id', 'name', 'email', 'roles'];

const rowResult = z.object({
  row: z.number().describe('The line of the file the row starts on'),
  id: z.string().optional(),
  status: z.enum(['created', 'updated', 'unchanged', 'invalid', 'valid']),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const BOOLEAN: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/** A row's cells as a person: roles separated by `;`, each with the row's scopes (one of each kind a person). */
function personOfRow(cells: Partial<Record<Column, string>>): { id: string; fields: unknown } {
  const roles = (cells.roles ?? '')
    .split(';')
    .map((r) => r.trim())
    .filter(Boolean);
  const grants = roles.map((role) => {
    const g: Record<string, string> = { role };
    for (const k of ['department', 'programId', 'collegeId', 'county'] as const) if (cells[k]) g[k] = cells[k];
    return g as unknown as DirectoryGrant;
  });
  const active = cells.active === undefined || cells.active === '' ? true : BOOLEAN[cells.active.toLowerCase()];
  return {
    id: cells.id ?? '',
    fields: {
      name: cells.name,
      email: cells.email,
      language: cells.language || 'en',
      roles: grants,
      supervisorId: cells.supervisorId || null,
      active: active ?? cells.active,
    },
  };
}

/** The upload as text, or 400/415: UTF-8 only (a byte that is not UTF-8 is refused, not guessed). */
function textOf(body: unknown): string {
  if (typeof body !== 'string')
    throw new HttpProblem(415, 'Unsupported Media Type', 'Send the file as Content-Type: text/csv; charset=utf-8');
  if (body.includes('\uFFFD') || body.includes('\u0000'))
    throw new HttpProblem(400, 'Bad Request', 'The file is not UTF-8 text; save it as "CSV UTF-8"', 'bad_encoding');
  return body.replace(/^\uFEFF/, '');
}

export function registerImportRoute(api: ApiBuilder, db: Db, temporal: Client): void {
  api.route({
    method: 'post',
    path: '/people/import',
    tag: 'people',
    auth: ['admin'],
    bodyType: 'text/csv',
    errors: [413, 415],
    summary: `Adds and updates people from a CSV file with a header row (${COLUMNS.join(', ')}): all rows or none`,
    body: z.string().openapi({ description: 'CSV, UTF-8, a header row then one person a row' }),
    response: z.object({
      created: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      rows: z.array(rowResult),
      workReturned: z.record(z.string(), z.object({ released: z.number(), toReassign: z.number() })).optional(),
    }),
    handler: async ({ user, body }) => {
      let records: { line: number; fields: string[] }[];
      try {
        records = parseCsv(textOf(body), { maxRows: IMPORT_MAX_ROWS + 1, maxFields: 50 });
      } catch (err) {
        if (!(err instanceof CsvError)) throw err;
        throw new HttpProblem(400, 'Bad Request', `The file is not valid CSV: ${err.message}`, 'validation_failed', [
          { path: `line ${err.line}`, message: err.message },
        ]);
      }
      const [header, ...rows] = records;
      const columns = (header?.fields ?? []).map((h) =>
        COLUMNS.find((c) => c.toLowerCase() === h.trim().toLowerCase()),
      );
      const headerProblems: ProblemEntry[] = [
        ...REQUIRED.filter((c) => !columns.includes(c)).map((c) => ({ path: 'header', message: `no ${c} column` })),
        ...(header?.fields ?? [])
          .filter((_, i) => !columns[i])
          .map((h) => ({ path: 'header', message: `unknown column ${JSON.stringify(h.slice(0, 50))}` })),
      ];
      if (!rows.length) headerProblems.push({ path: 'rows', message: 'no rows after the header' });
      if (rows.length > IMPORT_MAX_ROWS)
        headerProblems.push({ path: 'rows', message: `at most ${IMPORT_MAX_ROWS} rows a file` });
      if (headerProblems.length)
        throw new HttpProblem(400, 'Bad Request', 'The file cannot be imported', 'validation_failed', headerProblems);

      // Every row checked on its own first.
      const seen = new Map<string, number>();
      const checked = rows.map(({ line, fields }) => {
        const cells: Partial<Record<Column, string>> = {};
        columns.forEach((c, i) => c && (cells[c] = (fields[i] ?? '').trim()));
        const { id, fields: raw } = personOfRow(cells);
        const errors: ProblemEntry[] = [];
        if (fields.length !== columns.length)
          errors.push({ path: 'row', message: `${fields.length} fields, the header has ${columns.length}` });
        if (!identifier.safeParse(id).success)
          errors.push({ path: 'id', message: 'letters, digits and . _ : @ | + -' });
        if (seen.has(id)) errors.push({ path: 'id', message: `also on line ${seen.get(id)}` });
        seen.set(id, line);
        const parsed = newPersonBody.omit({ id: true }).safeParse(raw);
        if (!parsed.success) errors.push(...issuesAt(parsed.error, '').map((e) => ({ ...e, path: e.path.slice(1) })));
        return { line, id, fields: parsed.success ? (parsed.data as PersonFields) : undefined, errors };
      });

      // Then written together: a row the directory refuses (roles, supervisor) undoes them all.
      const results: z.infer<typeof rowResult>[] = [];
      const deactivated: string[] = [];
      const refusal = new Error('import refused');
      try {
        await db.transaction().execute(async (tx) => {
          let failed = checked.some((c) => c.errors.length);
          // A supervisor may be a person the same file adds, on any line.
          const inFile = new Set(checked.map((c) => c.id));
          const byLine = new Map<number, z.infer<typeof rowResult>>();
          for (const c of checked) {
            if (c.errors.length || !c.fields) {
              byLine.set(c.line, { row: c.line, id: c.id, status: 'invalid', errors: c.errors });
              continue;
            }
            try {
              // A refusal here comes before the row's write: the rows after it are still checked.
              const saved = await savePerson(tx, c.id, c.fields, {
                actor: actorOf(user),
                reason: 'CSV import',
                path: 'row',
                alsoKnown: inFile,
              });
              if (saved.deactivated) deactivated.push(c.id);
              const status = saved.unchanged ? 'unchanged' : saved.created ? 'created' : 'updated';
              byLine.set(c.line, { row: c.line, id: c.id, status });
            } catch (err) {
              if (!(err instanceof HttpProblem) || !err.errors) throw err;
              failed = true;
              const errors = err.errors.map((e) => ({ ...e, path: e.path.replace(/^row\./, '') }));
              byLine.set(c.line, { row: c.line, id: c.id, status: 'invalid', errors });
            }
          }
          results.push(...checked.map((c) => byLine.get(c.line)!));
          if (failed) throw refusal;
          const count = (s: string) => results.filter((r) => r.status === s).length;
          await recordAudit(tx, {
            actor: actorOf(user),
            kind: 'people_imported',
            target: 'people',
            before: null,
            after: { rows: results.length, created: count('created'), updated: count('updated') },
            reason: 'CSV import',
          });
        });
      } catch (err) {
        if (err !== refusal) throw err;
        const rowsOut = results.map(
          (r): z.infer<typeof rowResult> => (r.status === 'invalid' ? r : { row: r.row, id: r.id, status: 'valid' }),
        );
        throw new HttpProblem(
          400,
          'Bad Request',
          'Some rows are not valid: nothing was imported',
          'validation_failed',
          rowsOut.flatMap((r) =>
            (r.errors ?? []).map((e) => ({ path: `line ${r.row}.${e.path}`, message: e.message })),
          ),
          { rows: rowsOut },
        );
      }
      const workReturned: Record<string, WorkReturned> = {};
      for (const id of deactivated) workReturned[id] = await returnWorkOf(db, temporal, id, user);
      const count = (s: string) => results.filter((r) => r.status === s).length;
      return {
        body: {
          created: count('created'),
          updated: count('updated'),
          unchanged: count('unchanged'),
          rows: results,
          ...(deactivated.length ? { workReturned } : {}),
        },
      };
    },
  });
}
