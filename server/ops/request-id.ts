import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export const requestIdHeader = 'x-request-id';

// A caller's id (a proxy's, a workstation's) is kept only when it is short and plain, so it cannot forge log lines.
const acceptable = /^[\w.:-]{1,128}$/;

/** Fastify `genReqId`: the caller's `X-Request-Id` when acceptable, else a fresh UUID. */
export function requestId(request: IncomingMessage): string {
  const given = request.headers[requestIdHeader];
  return typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
}

/** Every answer names its request id, so an operator's error report can be matched to the server's log line. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(requestIdHeader, request.id);
  });
}
