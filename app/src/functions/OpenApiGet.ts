// GET /api/openapi.json → the OpenAPI 3.1 document generated from the request schemas.
import { app } from '@azure/functions';
import { buildOpenApiDocument } from '../contracts/openapi';
import { endpoint } from './http/endpoint';
import { json } from './http/responses';

const document = buildOpenApiDocument();

app.http('OpenApiGet', {
  methods: ['GET'],
  route: 'openapi.json',
  authLevel: 'anonymous',
  handler: endpoint(async () => json(200, document)),
});
