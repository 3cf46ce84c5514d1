import type { z } from 'zod';
import {
  apiRoutes,
  buildPath,
  isRawBody,
  type ApiRoutes,
  type RouteName,
  type RouteSpec,
} from '@shared/api/routes';
import { errorBodySchema } from '@shared/api/schemas';
import { AppError, type AppErrorData } from '@shared/errors';

/** How a caller (the sync engine, a puller, the desk) must react to a failure. */
export type FailureKind = 'transient' | 'permanent' | 'auth' | 'conflict';

export function classifyStatus(status: number): FailureKind {
  if (status === 401) return 'auth';
  if (status === 409) return 'conflict';
  if (status === 0 || status === 408 || status === 425 || status === 429 || status >= 500) return 'transient';
  return 'permanent';
}

export interface ApiErrorInit {
  /** The HTTP status; 0 when no answer came (offline, timeout, refused connection). */
  status: number;
  /** The contract's error code — an i18n key (errors:api.*, print:api.*, …) the UI shows in kk or ru. */
  code: string;
  params?: Record<string, string | number>;
  message?: string;
  /** Seconds the server asked the caller to wait (Retry-After). */
  retryAfter?: number;
  /** Overrides the kind the status implies (a tus checksum mismatch, a rejected centre key). */
  kind?: FailureKind;
}

/**
 * The one error model of every call to the central API — JSON calls, tus uploads and the session the host hands
 * out. `code` is an i18n key: the server's error code when its body carried one (the contract's codes are
 * i18n keys, shared/api/routes.ts), otherwise the errors:api.* key of what happened (unreachable, timeout,
 * serverError with the status). Being an AppError, the UI localises it like any other failure.
 */
export class ApiError extends AppError {
  readonly status: number;
  readonly kind: FailureKind;
  readonly retryAfter: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.code, init.params, init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.kind = init.kind ?? classifyStatus(init.status);
    this.retryAfter = init.retryAfter;
  }

  /** The key to show; the same as `code`, named for readers who look for it. */
  get i18nKey(): string {
    return this.code;
  }

  /** The localisable error as stored in the outbox history. */
  get error(): AppErrorData {
    return this.toJSON();
  }
}

/** Retry-After as seconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

/** An error answer (status, body text, Retry-After) as an ApiError: the body's code when it is the contract's. */
export function apiErrorFromAnswer(
  status: number,
  bodyText: string | null | undefined,
  retryAfter?: string | null,
  message?: string,
): ApiError {
  let json: unknown = null;
  try {
    json = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    // not JSON (a proxy's page): the status alone says what happened
  }
  const body = errorBodySchema.safeParse(json);
  const data: AppErrorData = body.success
    ? body.data.error
    : { code: 'errors:api.serverError', params: { status } };
  const params = status >= 500 ? { ...(data.params ?? {}), status } : data.params;
  return new ApiError({
    status,
    code: data.code,
    ...(params ? { params } : {}),
    message: message ?? data.message ?? `HTTP ${status}`,
    retryAfter: parseRetryAfter(retryAfter),
  });
}

/** A request that got no answer: a timeout or a network failure. */
export function transportError(error: unknown): ApiError {
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  return new ApiError({
    status: 0,
    code: timedOut ? 'errors:api.timeout' : 'errors:api.unreachable',
    message: String(error),
  });
}

export interface ApiSession {
  apiUrl: string;
  token: string;
}

type PathParams<S> = S extends { params: infer P extends z.ZodType }
  ? { params: { [K in keyof z.input<P>]: string } }
  : { params?: undefined };
type QueryInput<S> = S extends { query: infer Q extends z.ZodType }
  ? { query?: z.input<Q> }
  : { query?: undefined };
type BodyInput<S> = S extends { handledBy: 'tus' }
  ? { body?: undefined }
  : S extends { body: infer B extends z.ZodType }
    ? { body: z.input<B> }
    : { body?: undefined };

/** What a call of route S takes: its path parameters, query and JSON body, typed from the table. */
export type CallInput<S extends RouteSpec> = PathParams<S> &
  QueryInput<S> &
  BodyInput<S> & { headers?: Record<string, string> };

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
/** What a call of route S answers on success: the output of the response schema of its 2xx statuses. */
export type CallResult<S extends RouteSpec> = {
  [K in keyof S['responses']]: K extends SuccessStatus
    ? S['responses'][K] extends z.ZodType
      ? z.output<S['responses'][K]>
      : undefined
    : never;
}[keyof S['responses']];

export interface CallOptions {
  timeoutMs?: number;
}

/** Sends one request of a route to `apiUrl` and reads its answer with the route's response schema. */
export async function callRoute<S extends RouteSpec>(
  apiUrl: string,
  spec: S,
  input: CallInput<S>,
  token: string | undefined,
  timeoutMs: number,
): Promise<CallResult<S>> {
  const url = new URL(buildPath(spec.path, input.params as Record<string, string> | undefined), apiUrl);
  for (const [name, value] of Object.entries((input.query ?? {}) as Record<string, unknown>))
    if (value !== undefined) url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { ...(input.headers ?? {}) };
  if (token) headers.authorization = `Bearer ${token}`;
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: spec.method,
      headers,
      ...(input.body !== undefined ? { body: JSON.stringify(input.body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
  } catch (error) {
    throw transportError(error);
  }
  if (!res.ok)
    throw apiErrorFromAnswer(res.status, await res.text().catch(() => null), res.headers.get('retry-after'));
  const schema = spec.responses[res.status];
  if (!schema || isRawBody(schema)) return undefined as CallResult<S>;
  let json: unknown;
  try {
    json = await res.json();
  } catch (error) {
    throw new ApiError({
      status: res.status,
      code: 'errors:api.serverError',
      params: { status: res.status },
      message: `unreadable answer: ${String(error)}`,
      kind: 'transient',
    });
  }
  const parsed = schema.safeParse(json);
  // an answer outside the contract is the server's fault; retrying later is all the desk can do
  if (!parsed.success)
    throw new ApiError({
      status: res.status,
      code: 'errors:api.serverError',
      params: { status: res.status },
      message: `answer outside the contract: ${parsed.error.message}`,
      kind: 'transient',
    });
  return parsed.data as CallResult<S>;
}

/**
 * The workstation's one client of the central API. Every call names a route of the contract; the client builds
 * its path and query, adds the session's bearer token (the only auth a desk holds), parses the answer with the
 * route's response schema and turns every failure into an ApiError.
 */
export class ApiClient {
  constructor(
    private readonly session: () => Promise<ApiSession>,
    private readonly timeoutMs = 20_000,
  ) {}

  /** The current session, for transports that are not plain fetch (tus uploads); its failure is an ApiError too. */
  async currentSession(): Promise<ApiSession> {
    try {
      return await this.session();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const data =
        error instanceof AppError
          ? error.toJSON()
          : { code: 'errors:api.unreachable', message: String(error) };
      // the host could not get a session: a refused centre key needs the administrator, anything else may pass
      throw new ApiError({
        status: 0,
        ...data,
        kind: data.code === 'errors:api.centreKeyRejected' ? 'auth' : 'transient',
      });
    }
  }

  async call<N extends RouteName>(
    name: N,
    input: CallInput<ApiRoutes[N]>,
    options: CallOptions = {},
  ): Promise<CallResult<ApiRoutes[N]>> {
    const spec: RouteSpec = apiRoutes[name];
    const session = await this.currentSession();
    return callRoute(
      session.apiUrl,
      spec,
      input as CallInput<RouteSpec>,
      spec.auth === 'public' ? undefined : session.token,
      options.timeoutMs ?? this.timeoutMs,
    ) as Promise<CallResult<ApiRoutes[N]>>;
  }
}

/** Probes the contract's liveness route: connectivity means "the API answers", not merely navigator.onLine. */
export async function probeApi(apiUrl: string, timeoutMs = 5_000): Promise<boolean> {
  try {
    await callRoute(apiUrl, apiRoutes.health, {}, undefined, timeoutMs);
    return true;
  } catch {
    return false;
  }
}
