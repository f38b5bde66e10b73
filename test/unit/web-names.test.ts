/**
 * The names the web app builds from codes read in Spanish for every code a case can show:
 * each case type, task type and role of the registry (what `npm run openapi` hands the web app),
 * each field of a task's form (its data schema, as /openapi.json describes it), each stage a
 * process sets, each outcome a task offers, each timeline event a process or the platform
 * writes and each status or kind a case's details show has its Spanish name; so do the fields of
 * the rules (the Policy schema), each choice a task's form offers, the certification standards and
 * answers, a match's closing reasons, whom a check-in reached, each refusal code and each e-mail
 * catalogue's owner. Each list is read from the schema or declaration that makes the codes, so a
 * new code fails here until named. Its English name is exactly what the screens showed before
 * (humanize), so no English page changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { policySchema } from '../../lib/policy';
import { EMAIL_CATALOGUES } from '../../platform/emails/catalogues';
import { registerTaskDataSchemas } from '../../platform/api/schemas';
import { refusalStatuses } from '../../platform/workflow/refusals';
import { CASE_TYPES, ROLES, TASK_TYPES } from '../../platform/workflow/registry';
import { ANSWER_TYPES, STANDARDS } from '../../processes/certification/questions';
import { ECE_ROLES, MENTEE_KINDS } from '../../processes/ece/inputs';
import { closeMatchInput } from '../../processes/foster/inputs';
import { humanize } from '../../web/src/components/humanize';

const ROOT = path.join(__dirname, '../..');
const catalogue = (code: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'web/src/i18n/messages', `${code}.json`), 'utf8')) as Record<string, string>;
const en = catalogue('en');
const es = catalogue('es');

/** A folder's own sources (not its tests). */
const sourcesOf = (dir: string) =>
  readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.split(path.sep).includes('test'))
    .map((f) => readFileSync(path.join(ROOT, dir, f), 'utf8'));
/** The processes': where stages are set, outcomes offered and events written; the platform's own events. */
const sources = sourcesOf('processes');
const platformSources = sourcesOf('platform');

const found = (pattern: RegExp, inner = /'([a-z_]+)'/g, texts = sources) => {
  const codes = new Set<string>();
  for (const text of texts)
    for (const m of text.matchAll(pattern)) for (const c of m[1]!.matchAll(inner)) codes.add(c[1]!);
  return [...codes].sort();
};
const STAGES = found(/(?:setStage\(|\bstage:\s*|\bstage\s*=\s*)('[a-z_]+')/g);
const OUTCOMES = found(/\boutcomes:\s*\[([^\]]*)\]/g);
// Every code written as an event's name (`rt.event(actor, 'applied', …)`, either side of a choice), not compared.
const EVENTS = [
  ...found(/\bevent\(\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|[^,()]+),\s*([^{]*?),\s*\{/g, /(?<![=!]==\s*)'([a-z_]+)'/g, [
    ...sources,
    ...platformSources,
  ]),
  // Written from a status: an hour entry's (`hours_${status}`) and a task ended without a decision (`task_${status}`).
  ...['hours_confirmed', 'hours_rejected', 'task_cancelled', 'task_expired'],
].sort();

/** Every field name of every task type's data schema, nested ones too, as the web app's forms label them. */
const openapi = new OpenAPIRegistry();
registerTaskDataSchemas(openapi);
type Schema = {
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: string[];
};
const inside = (s: Schema): Schema[] => [
  ...Object.values(s.properties ?? {}),
  ...(typeof s.additionalProperties === 'object' ? [s.additionalProperties] : []),
  ...(s.items ? [s.items] : []),
  ...(s.anyOf ?? []),
  ...(s.oneOf ?? []),
];
/** Each property name of a schema and of every schema inside it. */
const fieldsOf = (s: Schema): string[] => [...Object.keys(s.properties ?? {}), ...inside(s).flatMap(fieldsOf)];
/** Each value a schema or a schema inside it lists (`enum`): the choices a generated form offers. */
const choicesOf = (s: Schema): string[] => [...(s.enum ?? []), ...inside(s).flatMap(choicesOf)];
const componentsOf = (registry: OpenAPIRegistry) =>
  Object.values(new OpenApiGeneratorV31(registry.definitions).generateComponents().components?.schemas ?? {}).map(
    (s) => s as Schema,
  );
const unique = (codes: string[]) => [...new Set(codes)].sort();
const schemas = componentsOf(openapi);
const FIELDS = unique(schemas.flatMap(fieldsOf));
/** The choices of every task type's form (a call's needs, a reviewer's recommendation). */
const CHOICES = unique(schemas.flatMap(choicesOf));

/** Every field of the rules, as the rules editor labels them (the Policy of /openapi.json, each section's own). */
const policy = new OpenAPIRegistry();
policy.register('Policy', policySchema);
const RULES = unique(componentsOf(policy).flatMap(fieldsOf));

/** Whom a match's check-in reached: its form's `contact<Party>` fields. */
const CONTACTS = unique(
  FIELDS.flatMap((f) => /^contact([A-Z]\w*)$/.exec(f)?.[1] ?? []).map((p) => p[0]!.toLowerCase() + p.slice(1)),
);

// The smaller codes inside a case's details: each status, kind, check name, recommendation and level a
// process declares as a type (`status: 'pending' | 'clear'`, `type CheckName = …`) and each party whose consent it asks.
const DETAILS = [
  ...found(
    /(?:\bstatus\??:|\btype \w*(?:Status|Kind|Name|Recommendation|LevelSought) =)\s*\|?\s*((?:'[a-z_]+'\s*\|?\s*)+)/g,
  ),
  ...found(/\bconsents: \{([^}]*)\}/g, /\b([a-z_]+): ConsentStatus/g),
  // An ECE mentor's role and the kind of person they mentor.
  ...ECE_ROLES,
  ...MENTEE_KINDS,
].sort();

// A case's, a task's and a referral offer's.
const STATUSES = ['open', 'closed', 'completed', 'cancelled', 'expired', 'offered', 'contacted', 'declined'];

const codes: [string, readonly string[]][] = [
  ['caseType', CASE_TYPES],
  ['type', TASK_TYPES],
  ['stage', STAGES],
  ['outcome', OUTCOMES],
  ['status', STATUSES],
  ['field', FIELDS],
  ['event', EVENTS],
  ['role', ROLES],
  ['detail', DETAILS],
  ['rule', RULES],
  ['choice', CHOICES],
  // The six standards of a certification and the answers a self-assessment question takes.
  ['standard', STANDARDS],
  ['answer', unique(Object.values(ANSWER_TYPES).flat())],
  ['closure', closeMatchInput.shape.reason.options],
  ['contact', CONTACTS],
  // Why a case refused a task handed over (the platform's codes and each process's own).
  ['refusal', unique(Object.keys(refusalStatuses()))],
  // Whose e-mail a template is (the platform's or a process's), on the e-mail templates page.
  ['process', unique(EMAIL_CATALOGUES.map((c) => c.owner))],
];

test('the sources name the stages and outcomes people see', () => {
  expect(STAGES).toEqual(expect.arrayContaining(['awaiting_caller', 'work_plan', 'withdrawn']));
  expect(OUTCOMES).toEqual(expect.arrayContaining(['approve', 'deny', 'not_a_fit']));
  expect(FIELDS).toEqual(expect.arrayContaining(['meetingDate', 'safetyConcern', 'recruitment']));
  expect(EVENTS).toEqual(expect.arrayContaining(['applied', 'personal_time_verified', 'task_created', 'closing']));
  expect(EVENTS).not.toContain('verify');
  expect(DETAILS).toEqual(
    expect.arrayContaining(['pending_hr', 'not_required', 'doj_live_scan', 'social_worker', 'cto']),
  );
  expect(EVENTS).not.toContain('reference');
  expect(RULES).toEqual(expect.arrayContaining(['mentoringLeave', 'annualCapHours', 'businessDays', 'escalateTo']));
  expect(CHOICES).toEqual(expect.arrayContaining(['food', 'with_reservations', 'matching_and_initiating']));
  expect(CONTACTS).toEqual(['caregiver', 'mentor', 'youth']);
  expect(DETAILS).toEqual(expect.arrayContaining(['mentor_teacher', 'administrator']));
});

test.each(codes)('every %s code has a Spanish name', (kind, list) => {
  expect(list.length).toBeGreaterThan(0);
  expect(list.filter((c) => !es[`${kind}.${c}`]?.trim()).map((c) => `${kind}.${c}`)).toEqual([]);
});

test.each(codes)('every %s code reads in English as it always has', (kind, list) => {
  expect(list.filter((c) => en[`${kind}.${c}`] !== humanize(c)).map((c) => `${kind}.${c}`)).toEqual([]);
});
