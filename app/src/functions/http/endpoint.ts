// Wraps every HTTP handler: an unexpected exception is logged with its stack and answered as a JSON 500
// without it.
import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { errorResponse } from './responses';

export function endpoint(handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>): HttpHandler {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      context.error(`Unhandled error in ${context.functionName}:`, error);
      return errorResponse({ code: 'Internal', message: 'An unexpected error occurred; it has been logged.' });
    }
  };
}
