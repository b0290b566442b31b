// A self-contained HTML API reference rendered from the OpenAPI document (no scripts, no CDN).
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const code = (value: unknown) => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

function resolve(doc: Json, schema: Json | undefined): unknown {
  if (!schema) return undefined;
  if (typeof schema.$ref === 'string') return { [schema.$ref.split('/').pop()!]: doc.components.schemas[schema.$ref.split('/').pop()!] };
  if (schema.type === 'array' && schema.items?.$ref) return { array: resolve(doc, schema.items) };
  return schema;
}

export function renderApiReference(doc: Json): string {
  const sections: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(operations as Json)) {
      const params = (op.parameters ?? []).map((p: Json) => `<li><code>${escape(p.name)}</code> (${escape(p.in)}${p.required ? ', required' : ''}) ${escape(p.description ?? '')}</li>`).join('');
      const body = op.requestBody ? `<h4>Request body${op.requestBody.required ? '' : ' (optional)'}</h4>${code(resolve(doc, op.requestBody.content['application/json'].schema))}` : '';
      const responses = Object.entries(op.responses as Json).map(([status, r]) => `<li><b>${status}</b> ${escape((r as Json).description)}</li>`).join('');
      const success = Object.entries(op.responses as Json).find(([s]) => s.startsWith('2'))?.[1] as Json | undefined;
      const successSchema = success?.content ? code(resolve(doc, success.content['application/json'].schema)) : '';
      const secured = op.security ? `<p><i>${op.security.some((s: Json) => 'functionKey' in s) ? 'Admin: function key on Azure' : 'Customer: principal required when STORE_REQUIRE_AUTH is true, and on Azure unless it is false'}</i></p>` : '';
      sections.push(
        `<section><h3><span class="m">${method.toUpperCase()}</span> /api${escape(path)} <small>${escape(op.operationId)}</small></h3>` +
          `<p>${escape(op.summary ?? '')}</p>${secured}${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}${body}` +
          `<h4>Responses</h4><ul>${responses}</ul>${successSchema ? `<details><summary>Success body schema</summary>${successSchema}</details>` : ''}</section>`,
      );
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)} API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em}section{border-top:1px solid #ccc;padding:.5em 0}
.m{font-family:monospace;background:#333;color:#fff;padding:0 .4em;border-radius:3px}pre{background:#f5f5f5;padding:.5em;overflow:auto;font-size:13px}small{color:#777}</style>
</head><body><h1>${escape(doc.info.title)} API</h1><p>${escape(doc.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<h4>Error body</h4>${code(doc.components.schemas.Error)}${sections.join('\n')}</body></html>`;
}
