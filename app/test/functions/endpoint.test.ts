// The wrapper of every HTTP function: an unexpected exception becomes a JSON 500 without the stack (which
// goes to the function log instead); answers of a handler that does not throw pass through untouched.
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { endpoint } from '../../src/functions/http/endpoint';

const request = new HttpRequest({ method: 'GET', url: 'http://localhost/api/store' });

function context() {
  const logged: unknown[][] = [];
  const ctx = new InvocationContext({ functionName: 'StoreGet', invocationId: 'i1', logHandler: (_level, ...args) => logged.push(args) });
  return { ctx, logged };
}

describe('endpoint', () => {
  it('answers an exception with a JSON 500 that carries no stack, and logs the stack', async () => {
    const { ctx, logged } = context();
    const secret = new Error('connection string AccountKey=abc leaked');
    const response = (await endpoint(async () => { throw secret; })(request, ctx)) as HttpResponseInit;
    expect(response.status).toBe(500);
    expect(response.jsonBody).toEqual({ error: { code: 'Internal', message: 'An unexpected error occurred; it has been logged.' } });
    const text = JSON.stringify(response);
    expect(text).not.toContain('leaked');
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    expect(logged.flat()).toContain(secret); // the stack is in the log, for the operator
  });

  it('passes a normal answer through unchanged', async () => {
    const { ctx } = context();
    const answer = { status: 409, jsonBody: { error: { code: 'OutOfStock', message: 'x' } } };
    expect(await endpoint(async () => answer)(request, ctx)).toBe(answer);
  });
});
