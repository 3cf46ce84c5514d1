import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError, z } from 'zod';
import { sendError } from './http-error';

/**
 * Whatever a route or Fastify itself throws leaves as the contract's error body: a malformed or oversized request
 * is the client's fault (4xx with a code the workstation can show), and only a genuine fault is a 500 — whose
 * details stay in the log, never in the body.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ZodError, request, reply) => {
    if (error instanceof ZodError)
      return sendError(reply, 400, 'errors:api.badRequest', z.prettifyError(error));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // the client is still sending: read the rest (the socket closes after the answer) so it sees the 413 instead
      // of a connection reset
      request.raw.resume();
      return sendError(reply.header('connection', 'close'), 413, 'errors:api.payloadTooLarge', error.message);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return sendError(reply, status, 'errors:api.badRequest', error.message);
    request.log.error(error);
    return sendError(reply, 500, 'errors:api.serverError', 'internal error', { status: 500 });
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'errors:api.notFound', 'no such route'));
}
