import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import type { RouteAuth, RouteSpec } from '@shared/api/routes';
import { sendError } from './http-error';

/** One preHandler per kind of caller; `public` needs none. Installed once per server (see useGuards). */
export type Guards = Partial<Record<Exclude<RouteAuth, 'public'>, preHandlerAsyncHookHandler>>;

const installed = new WeakMap<FastifyInstance, Guards>();

/** The auth checks every route of this server gets from its table entry's `auth`. */
export function useGuards(app: FastifyInstance, guards: Guards): void {
  installed.set(app, { ...installed.get(app), ...guards });
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** A request's parts, parsed with the route entry's schemas. */
export interface RouteInput<S extends RouteSpec> {
  params: Out<S['params']>;
  headers: Out<S['headers']>;
  query: Out<S['query']>;
  body: Out<S['body']>;
}

export type RouteHandler<S extends RouteSpec> = (
  request: FastifyRequest,
  reply: FastifyReply,
  input: RouteInput<S>,
) => unknown;

const parts = ['params', 'headers', 'query', 'body'] as const;

/**
 * Registers one route of the contract (shared/api/routes.ts) from its entry: method and path, the entry's auth
 * as a preHandler, then params, headers, query and body parsed with the entry's schemas in that order — a part
 * that does not match gets the entry's declared refusal, so the handler only ever sees valid, typed input.
 * Routes the tus server handles (`handledBy: 'tus'`) get the raw request: tus checks the session in its hooks.
 */
export function serveRoute<S extends RouteSpec>(
  app: FastifyInstance,
  spec: S,
  handler: RouteHandler<S>,
  options: { guard?: preHandlerAsyncHookHandler } = {},
): void {
  const guard =
    options.guard ??
    (spec.auth === 'public' || spec.handledBy === 'tus' ? undefined : installed.get(app)?.[spec.auth]);
  if (!guard && spec.auth !== 'public' && spec.handledBy !== 'tus')
    throw new Error(`no ${spec.auth} guard installed for ${spec.method} ${spec.path}`);
  app.route({
    method: spec.method,
    url: spec.path,
    // a GET route's automatic HEAD would collide with a HEAD the table declares itself (tus)
    exposeHeadRoute: spec.method === 'GET' && spec.handledBy !== 'tus',
    ...(guard ? { preHandler: guard } : {}),
    handler: async (request, reply) => {
      if (spec.handledBy === 'tus')
        return handler(request, reply, {
          params: request.params,
          headers: request.headers,
          query: request.query,
          body: undefined,
        } as RouteInput<S>);
      const input: Record<(typeof parts)[number], unknown> = {
        params: undefined,
        headers: undefined,
        query: undefined,
        body: undefined,
      };
      for (const part of parts) {
        const schema = spec[part];
        // headers are documented for every route but checked only where the route says what a bad one means
        if (!schema || (part === 'headers' && !spec.invalid?.headers)) continue;
        const parsed = schema.safeParse(request[part]);
        if (!parsed.success) {
          const refusal = spec.invalid?.[part] ?? { status: 400, code: 'errors:api.badRequest' };
          const reason = z.prettifyError(parsed.error);
          return sendError(
            reply,
            refusal.status,
            refusal.code,
            reason,
            refusal.withReason ? { reason } : undefined,
          );
        }
        input[part] = parsed.data;
      }
      return handler(request, reply, input as RouteInput<S>);
    },
  });
}
