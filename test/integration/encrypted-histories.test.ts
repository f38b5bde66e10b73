/**
 * Youth and applicant data never reaches Temporal in clear: cases are started and worked
 * through the API on the dev server, then their raw histories are read as someone with
 * access to Temporal but not to the keys would read them (a client without the codec,
 * and `temporal workflow show`), and none of the case's distinctive words is there. The
 * API still serves the case, and admins (only) read histories through the codec endpoint.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { laDate } from '../../platform/workflow/calendar';
import { mentorScreeningWorkflowId } from '../../processes/foster/mentor-screening';
import { youthReferralWorkflowId } from '../../processes/foster/youth-referral';
import { as, startStack, TEMPORAL_UI_URL, tokenFor, type Stack } from '../support/stack';
import { admin } from './fixtures';
import { cw1, mentorApplication, sw1, youthReferral } from './foster-fixtures';

const run = promisify(execFile);
let stack: Stack;
let raw: Client;
beforeAll(async () => {
  stack = await startStack();
  // Someone who can reach Temporal but holds no key: no codec.
  const connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
  raw = new Client({ connection, namespace: 'default' });
});
afterAll(async () => {
  await raw?.connection.close();
  await stack?.stop();
});

const n = Math.random().toString(36).slice(2, 8);
const daysAgo = (d: number) => laDate(Date.now() - d * 86_400_000);
const youth = {
  name: `Zephyrine Quillfeather${n}`,
  birthDate: daysAgo(14 * 365 + 97),
  needs: `Nightmares after placement move ${n}`,
  consentNote: `Grandmother Philippa${n} signed by phone`,
};
const applicant = {
  name: `Barnaby Thistlewood${n}`,
  birthDate: daysAgo(41 * 365 + 13),
  phone: `+1 213 555 ${String(1000 + Math.floor(Math.random() * 9000))}`,
  reference: `Ottoline Marchbanks${n}`,
  checkNote: `Registry hit in Kern county ${n}`,
};
const distinctive = [...Object.values(youth), ...Object.values(applicant)];
const leaked = (text: string) => distinctive.filter((s) => text.includes(s));
type OpenTask = { id: string; type: string; candidateRoles: string[] };

/** `temporal workflow show --output json` on a case, with extra flags. */
async function show(workflowId: string, ...flags: string[]): Promise<string> {
  const address = process.env.TEST_TEMPORAL_ADDRESS!;
  const args = [
    'workflow',
    'show',
    '--address',
    address,
    '--namespace',
    'default',
    '--workflow-id',
    workflowId,
    '--output',
    'json',
    ...flags,
  ];
  return (await run(process.env.TEMPORAL_CLI_PATH!, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** The CLI's JSON, its payloads' base64 metadata and data read back as text. */
function cliText(stdout: string): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.data === 'string' && o.metadata && typeof o.metadata === 'object') {
        out.push(Buffer.from(o.data, 'base64').toString('utf8'));
        Object.values(o.metadata).forEach((v) => out.push(Buffer.from(String(v), 'base64').toString('utf8')));
      } else Object.values(o).forEach(walk);
    }
  };
  walk(JSON.parse(stdout));
  return out;
}

/** Every string and every byte string of a history, as one text to search. */
function textOf(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (node instanceof Uint8Array) out.push(Buffer.from(node).toString('utf8'));
  else if (Array.isArray(node)) node.forEach((x) => textOf(x, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((x) => textOf(x, out));
  return out;
}

let youthWorkflowId: string;
let mentorWorkflowId: string;

test('a youth referral and a mentor application leave no name, birth date, phone or note in the raw histories', async () => {
  const referral = youthReferral();
  referral.youth = { ...referral.youth, name: youth.name, dateOfBirth: youth.birthDate, needs: youth.needs };
  const y = await as(stack, sw1).post('/foster/youth', referral);
  expect(y.status).toBe(201);
  const consent = y.body.openTasks.find(
    (t: OpenTask) => t.type === 'consent' && t.candidateRoles.includes('social_worker'),
  );
  const consented = await as(stack, sw1).post(`/tasks/${consent.id}/complete`, {
    outcome: 'accept',
    comment: youth.consentNote,
  });
  expect(consented.status).toBe(200);

  const application = mentorApplication();
  const { name, birthDate: dateOfBirth, phone } = applicant;
  application.applicant = { ...application.applicant, name, dateOfBirth, phone };
  application.references[0].name = applicant.reference;
  const m = await as(stack, cw1).post('/foster/mentors', application);
  expect(m.status).toBe(201);
  const check = m.body.openTasks.find((t: OpenTask) => t.type === 'background_check');
  const checked = await as(stack, cw1).post(`/tasks/${check.id}/complete`, {
    outcome: 'flagged',
    comment: applicant.checkNote,
  });
  expect(checked.status).toBe(200);

  youthWorkflowId = youthReferralWorkflowId(y.body.id);
  mentorWorkflowId = mentorScreeningWorkflowId(m.body.id);
  for (const workflowId of [youthWorkflowId, mentorWorkflowId]) {
    const history = await raw.workflow.getHandle(workflowId).fetchHistory();
    const text = textOf(history).join('\n');
    // The history is the case's: its steps are there, their content is not.
    expect(history.events!.length).toBeGreaterThan(5);
    expect(leaked(text)).toEqual([]);
    expect(text).toContain('binary/encrypted');
    // The CLI an operator would use, straight at the server.
    const shown = cliText(await show(workflowId)).join('\n');
    expect(leaked(shown)).toEqual([]);
    expect(shown).toContain('binary/encrypted');
  }

  // The product itself reads them as before.
  const yr = await as(stack, cw1).get(`/foster/youth/${y.body.id}`);
  expect(yr.status).toBe(200);
  expect(yr.body.youth).toMatchObject({ name: youth.name, dateOfBirth: youth.birthDate });
  expect(yr.body.consents.social_worker.status).toBe('accepted');
  const mr = await as(stack, cw1).get(`/foster/mentors/${m.body.id}`);
  expect(mr.status).toBe(200);
  expect(mr.body.applicant.name).toBe(applicant.name);
});

const uiOrigin = new URL(TEMPORAL_UI_URL).origin;
const codec = async (direction: 'encode' | 'decode', body: unknown, headers: Record<string, string>) => {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
  const res = await fetch(`${stack.baseUrl}/codec/${direction}`, init);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, headers: res.headers, body: (await res.json().catch(() => undefined)) as any };
};
const bearer = async (p: Parameters<typeof tokenFor>[0]) => `Bearer ${await tokenFor(p)}`;

test("the codec endpoint: admins from the Temporal UI's origin read the history; no one else", async () => {
  const history = await raw.workflow.getHandle(youthWorkflowId).fetchHistory();
  const start = history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads!;
  const b64 = (v: Uint8Array) => Buffer.from(v).toString('base64');
  const wire = {
    payloads: start.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata!).map(([k, v]) => [k, b64(v)])),
      data: b64(p.data!),
    })),
  };
  const preflightOf = (origin: string) =>
    fetch(`${stack.baseUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-namespace',
      },
    });

  // The UI's preflight, then the call with the signed-in admin's access token.
  const preflight = await preflightOf(uiOrigin);
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(uiOrigin);
  expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
  expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization.*Content-Type.*X-Namespace/);
  const decoded = await codec('decode', wire, {
    origin: uiOrigin,
    authorization: await bearer(admin),
    'x-namespace': 'default',
  });
  expect(decoded.status).toBe(200);
  expect(decoded.headers.get('access-control-allow-origin')).toBe(uiOrigin);
  const clear = Buffer.from(decoded.body.payloads[0].data, 'base64').toString('utf8');
  expect(Buffer.from(decoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');
  expect(clear).toContain(youth.name);

  // Encoding gives what the workers would write, and it decodes back.
  const value = {
    payloads: [{ metadata: { encoding: b64(Buffer.from('json/plain')) }, data: b64(Buffer.from('"hello"')) }],
  };
  const encoded = await codec('encode', value, { authorization: await bearer(admin) });
  expect(Buffer.from(encoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
  expect((await codec('decode', encoded.body, { authorization: await bearer(admin) })).body).toEqual(value);

  // A case worker may not; nobody without a token may; other origins get no CORS allowance at all.
  const worker = await codec('decode', wire, { origin: uiOrigin, authorization: await bearer(cw1) });
  expect(worker.status).toBe(403);
  expect(JSON.stringify(worker.body)).not.toContain(youth.name);
  const anonymous = await codec('decode', wire, { origin: uiOrigin });
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get('access-control-allow-origin')).toBe(uiOrigin);
  const elsewhere = await codec('decode', wire, {
    origin: 'https://attacker.example',
    authorization: await bearer(admin),
  });
  expect(elsewhere.status).toBe(403);
  expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  expect(JSON.stringify(elsewhere.body)).not.toContain(youth.name);
  expect((await preflightOf('https://attacker.example')).headers.get('access-control-allow-origin')).toBeNull();
  expect((await codec('decode', { payloads: 'nope' }, { authorization: await bearer(admin) })).status).toBe(400);

  // An operator's CLI, pointed at the endpoint with an admin token, shows the history in clear.
  const stdout = await show(
    youthWorkflowId,
    '--codec-endpoint',
    `${stack.baseUrl}/codec`,
    '--codec-auth',
    await bearer(admin),
  );
  const shown = cliText(stdout).join('\n');
  expect(shown).toContain(youth.name);
  expect(shown).toContain(youth.consentNote);
});
