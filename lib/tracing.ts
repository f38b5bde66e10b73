/**
 * OpenTelemetry tracing, on when OTEL_EXPORTER_OTLP_ENDPOINT is set: a span for each HTTP
 * request (named by its route pattern), carried into the workflow it starts or updates by
 * Temporal's client interceptor, through the workflow (its interceptors are bundled into
 * the workflow code) to each activity, and exported over OTLP/HTTP (the exporter reads
 * the standard OTEL_* variables). Off, nothing of it is loaded into workflows or paid for.
 * Span attributes are IDs and routes only, never personal data.
 */
import { trace, type Tracer } from '@opentelemetry/api';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';

export interface Tracing {
  tracer: Tracer;
  resource: Resource;
  spanProcessor: SpanProcessor;
  shutdown(): Promise<void>;
}

let active: Tracing | undefined;

export const tracingConfigured = (env: NodeJS.ProcessEnv = process.env) =>
  !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);

/** Starts tracing for this process (once) when an OTLP endpoint is configured. */
export function startTracing(serviceName: string, spanProcessor?: SpanProcessor): Tracing | undefined {
  if (active) return active;
  if (!spanProcessor && !tracingConfigured()) return undefined;
  const resource = new Resource({
    [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME ?? serviceName,
    [ATTR_SERVICE_VERSION]: '0.1.0',
  });
  const processor = spanProcessor ?? new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register(); // AsyncLocalStorage context + W3C trace context propagation
  active = {
    tracer: trace.getTracer('mentorflow'),
    resource,
    spanProcessor: processor,
    shutdown: () => provider.shutdown(),
  };
  return active;
}

export const currentTracing = () => active;

/** The workflow interceptor module to bundle into workflow code when tracing is on. */
export function workflowTracingModules(): string[] {
  return active ? [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')] : [];
}

/** The Temporal client's interceptors: the trace context into workflow headers. */
export function tracingClientInterceptors(): WorkflowClientInterceptor[] {
  return active ? [new OpenTelemetryWorkflowClientInterceptor({ tracer: active.tracer })] : [];
}

/**
 * What a worker adds for tracing: activity spans, and the sink workflow spans leave by;
 * the workflow interceptors too when the worker bundles its own workflow code (a prebuilt
 * bundle carries them from `buildWorkflowBundle`).
 */
export function tracingWorkerOptions(opts: {
  bundlesWorkflows: boolean;
}): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  if (!active) return {};
  const t = active;
  return {
    interceptors: {
      ...(opts.bundlesWorkflows ? { workflowModules: workflowTracingModules() } : {}),
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx, { tracer: t.tracer }),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(t.spanProcessor, t.resource) },
  };
}
