/**
 * A local OTLP/HTTP trace receiver for the cluster smoke: it accepts what the product's
 * processes export (JSON, as @opentelemetry/exporter-trace-otlp-http sends it) and
 * answers which traces hold spans of which services. A stand-in for the agency's
 * collector, not a mock of anything the product depends on.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface OtlpJson {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: { traceId: string; name: string }[] }[];
  }[];
}

export async function startOtlpReceiver(): Promise<{
  url: string;
  spans(): number;
  tracesAcross(services: string[], waitMs: number): Promise<number>;
  close(): Promise<void>;
}> {
  const services = new Map<string, Set<string>>(); // traceId -> service names
  let count = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpJson;
        for (const rs of body.resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
          for (const ss of rs.scopeSpans ?? []) {
            for (const span of ss.spans ?? []) {
              count++;
              services.set(span.traceId, (services.get(span.traceId) ?? new Set()).add(service));
            }
          }
        }
      } catch {
        /* not JSON (a protobuf exporter): counted as nothing */
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const across = (wanted: string[]) => [...services.values()].filter((s) => wanted.every((w) => s.has(w))).length;
  return {
    url,
    spans: () => count,
    async tracesAcross(wanted, waitMs) {
      const deadline = Date.now() + waitMs;
      while (across(wanted) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      return across(wanted);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
