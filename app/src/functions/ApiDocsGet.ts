// GET /api/docs → the API reference (Swagger UI over /api/openapi.json, README "API reference");
// GET /api/docs/assets/{asset} → the viewer's own files, served from the app's node_modules.
import { app } from '@azure/functions';
import { DOCS_CONTENT_SECURITY_POLICY, docsAsset, docsPage } from '../docs/swaggerUi';
import { endpoint } from './http/endpoint';
import { errorResponse } from './http/responses';

const TITLE = 'Contoso Coffee store';

app.http('ApiDocsGet', {
  methods: ['GET'],
  route: 'docs',
  authLevel: 'anonymous',
  handler: endpoint(async (request) => ({
    status: 200,
    body: docsPage(new URL(request.url).pathname, TITLE),
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': DOCS_CONTENT_SECURITY_POLICY, 'cache-control': 'no-cache' },
  })),
});

app.http('ApiDocsAssetGet', {
  methods: ['GET'],
  route: 'docs/assets/{asset}',
  authLevel: 'anonymous',
  handler: endpoint(async (request) => {
    const asset = docsAsset(request.params.asset ?? '');
    if (!asset) return errorResponse({ code: 'NotFound', message: `No such file of the API reference: '${request.params.asset}'.` });
    return { status: 200, body: asset.body, headers: { 'content-type': asset.contentType, 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' } };
  }),
});
