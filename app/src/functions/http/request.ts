// Reading requests: route values, query strings and JSON bodies through the zod contracts. Anything
// invalid becomes a 4xx Result before any state is touched.
import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { IdempotencyKey } from '../../contracts/requests';
import { fail, ok, type Result } from '../../domain/result';

/** zod issues as {path, message}: enough to fix the request, nothing internal. */
export const describeIssues = (error: z.ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): Result<z.infer<S>> {
  const parsed = schema.safeParse(value);
  return parsed.success ? ok(parsed.data) : fail('ValidationFailed', `Invalid ${what}.`, { issues: describeIssues(parsed.error) });
}

/** Route values ({userId}, {itemId}, …): only the ones the schema names, each in the safe id charset. */
export const parseRoute = <S extends z.ZodType>(request: HttpRequest, schema: S) =>
  parseWith(schema, { ...request.params }, 'route value');

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/**
 * Parses a JSON body. An empty body gives `whenEmpty` when there is one (e.g. {"quantity": 1}), otherwise a
 * ValidationFailed. A content type other than JSON gets 415; text that is not JSON gets MalformedJson.
 */
export async function readJsonBody<S extends z.ZodType>(request: HttpRequest, schema: S, whenEmpty?: z.infer<S>): Promise<Result<z.infer<S>>> {
  const text = await request.text();
  if (text.trim() === '') {
    return whenEmpty !== undefined ? ok(whenEmpty) : fail('ValidationFailed', 'A JSON request body is required.');
  }
  const contentType = request.headers.get('content-type');
  if (contentType && !JSON_MEDIA_TYPE.test(contentType)) {
    return fail('UnsupportedMediaType', `Send the body as application/json (got ${contentType.slice(0, 100)}).`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail('MalformedJson', 'The request body is not valid JSON.');
  }
  return parseWith(schema, body, 'request body');
}

/** The optional Idempotency-Key header: absent → undefined; present → an id (README "REST API"), else 400. */
export function parseIdempotencyKey(request: HttpRequest): Result<string | undefined> {
  const header = request.headers.get('idempotency-key');
  return header === null ? ok(undefined) : parseWith(IdempotencyKey, header, 'Idempotency-Key header');
}
