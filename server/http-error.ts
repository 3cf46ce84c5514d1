import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@shared/api/schemas';

/** Every error body has the same shape: an i18n code the workstation can show in the operator's language. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  params?: Record<string, string | number>,
): FastifyReply {
  const body: ErrorBody = { error: { code, message, ...(params ? { params } : {}) } };
  return reply.code(status).send(body);
}
