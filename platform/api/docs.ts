/**
 * A readable API reference rendered on the server from the OpenAPI document: no
 * JavaScript and no assets from a CDN, so it works on closed networks.
 */
type Doc = {
  info?: { title?: string; description?: string };
  paths?: Record<
    string,
    Record<
      string,
      {
        summary?: string;
        tags?: string[];
        security?: unknown[];
        requestBody?: { content?: Record<string, { schema?: unknown }> };
        responses?: Record<string, unknown>;
        parameters?: { name: string; in: string }[];
      }
    >
  >;
};

/** The page's one stylesheet, inline; its SHA-256 is listed in the CSP's style-src (security-headers.ts). */
export const DOCS_STYLE =
  'body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;' +
  'color:#222}' +
  'section{border-top:1px solid #ddd;padding:.5rem 0}pre{background:#f6f6f6;padding:.5rem;overflow:auto}';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function docsPage(document: object): string {
  const doc = document as Doc;
  const sections: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      const params = (op.parameters ?? []).map((p) => `${p.name} (${p.in})`).join(', ');
      sections.push(`<section><h3><code>${method.toUpperCase()} ${esc(path)}</code></h3>
<p>${esc(op.summary ?? '')}</p>
<p><small>${op.security ? 'Bearer token required' : 'No authentication'}${params ? ` · parameters: ${esc(params)}` : ''} · responses: ${Object.keys(op.responses ?? {}).join(', ')}</small></p>
${body ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify(body, null, 2))}</pre></details>` : ''}</section>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info?.title ?? 'API')}</title>
<style>${DOCS_STYLE}</style></head>
<body><h1>${esc(doc.info?.title ?? 'API')}</h1><p>${esc(doc.info?.description ?? '')}</p>
<p>Machine-readable contract: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code>.</p>
${sections.join('\n')}</body></html>`;
}
