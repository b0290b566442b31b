// GET /api/docs → a human-readable API reference rendered from the OpenAPI document.
import { app } from '@azure/functions';
import { renderApiReference } from '../contracts/apiReferencePage';
import { buildOpenApiDocument } from '../contracts/openapi';
import { endpoint } from './http/endpoint';

const page = renderApiReference(buildOpenApiDocument());

app.http('ApiDocsGet', {
  methods: ['GET'],
  route: 'docs',
  authLevel: 'anonymous',
  handler: endpoint(async () => ({ status: 200, body: page, headers: { 'content-type': 'text/html; charset=utf-8' } })),
});
