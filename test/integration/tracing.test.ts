/**
 * OpenTelemetry from the HTTP request through the workflow to its activities: one trace
 * whose spans are the request, the workflow's start, its run and the activities it ran.
 * Spans are caught in memory here; with OTEL_EXPORTER_OTLP_ENDPOINT set they go over OTLP.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../lib/tracing';
import { buildWorkflowBundle } from '../../lib/worker';
import { as, eventually, startStack, truncateAll, type Stack } from '../support/stack';
import { certifiedProgram, employee, enrollmentBody } from './fixtures';

const exporter = new InMemorySpanExporter();
let stack: Stack;

beforeAll(async () => {
  startTracing('mentorflow-test', new SimpleSpanProcessor(exporter));
  // The workflow code with the tracing interceptors, as a worker builds it when tracing is on.
  const bundlePath = path.join(path.dirname(process.env.TEST_WORKFLOW_BUNDLE!), 'workflow-bundle-traced.js');
  writeFileSync(bundlePath, await buildWorkflowBundle());
  stack = await startStack({ workflowBundlePath: bundlePath });
  await truncateAll(stack.db);
}, 300_000);
afterAll(async () => stack?.stop());

test('one trace runs from the HTTP request into the workflow and its activities', async () => {
  const programId = await certifiedProgram(stack);
  exporter.reset();
  const emp = employee(951);
  const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId), {
    'x-request-id': 'req-traced-1',
  });
  expect(created.status).toBe(201);
  const spans = await eventually(async () => {
    const all = exporter.getFinishedSpans();
    const http = all.find((s) => s.name === 'POST /api/v1/mentoring-leave/enrollments');
    if (!http) return undefined;
    const trace = all.filter((s) => s.spanContext().traceId === http.spanContext().traceId);
    return (
      trace.some((s) => s.name === 'RunActivity:recordTransition') &&
      trace.some((s) => s.name === 'StartActivity:recordTransition') &&
      trace
    );
  }, "the request's trace with workflow and activity spans");
  const names = spans.map((s) => s.name);
  // The workflow's own run span ends when the case does (years later); its children are here.
  expect(names).toEqual(
    expect.arrayContaining([
      'POST /api/v1/mentoring-leave/enrollments',
      'UpdateWithStartWorkflow:caseRecorded',
      'HandleUpdate:caseRecorded',
      'StartActivity:recordTransition',
      'RunActivity:recordTransition',
    ]),
  );
  const http = spans.find((s) => s.name === 'POST /api/v1/mentoring-leave/enrollments')!;
  expect(http.attributes).toMatchObject({
    'http.route': '/api/v1/mentoring-leave/enrollments',
    'http.response.status_code': 201,
    'mentorflow.requestId': 'req-traced-1',
    'mentorflow.caseId': created.body.id,
  });
  // The workflow's start (with its first Update: one call) is a child of the request's
  // span; the activity run, of the workflow's scheduling of it.
  expect(spans.find((s) => s.name === 'UpdateWithStartWorkflow:caseRecorded')!.parentSpanId).toBe(
    http.spanContext().spanId,
  );
  const scheduled = spans.find((s) => s.name === 'StartActivity:recordTransition')!;
  expect(
    spans.some((s) => s.name === 'RunActivity:recordTransition' && s.parentSpanId === scheduled.spanContext().spanId),
  ).toBe(true);
  // Nothing personal in any span: no names, no e-mail addresses.
  expect(JSON.stringify(spans.map((s) => [s.name, s.attributes]))).not.toMatch(/Employee 951|emp951@/);
});
