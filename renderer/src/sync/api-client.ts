import {
  applicationReceiptSchema,
  errorBodySchema,
  feedPageSchema,
  type ApplicationReceipt,
  type FeedPage,
  type SubmitApplication,
} from '@shared/api/schemas';
import { AppError, type AppErrorData } from '@shared/errors';

/** How the sync engine must react to a failure. */
export type FailureKind = 'transient' | 'permanent' | 'auth' | 'conflict';

export class ApiFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly error: AppErrorData,
    readonly status?: number,
  ) {
    super(error.message ?? error.code);
  }
}

export function classifyStatus(status: number): FailureKind {
  if (status === 401) return 'auth';
  if (status === 409) return 'conflict';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'transient';
  return 'permanent';
}

export interface ApiSession {
  apiUrl: string;
  token: string;
}

/** Thin typed client for the central API; every failure becomes an ApiFailure with a localisable error. */
export class ApiClient {
  constructor(
    private readonly session: () => Promise<ApiSession>,
    private readonly timeoutMs = 20_000,
  ) {}

  /** The current session, for transports that are not plain fetch (tus uploads). */
  async currentSession(): Promise<ApiSession> {
    try {
      return await this.session();
    } catch (error) {
      const data =
        error instanceof AppError
          ? error.toJSON()
          : { code: 'errors:api.unreachable', message: String(error) };
      throw new ApiFailure(data.code === 'errors:api.centreKeyRejected' ? 'auth' : 'transient', data);
    }
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const session = await this.currentSession();
    let res: Response;
    try {
      res = await fetch(new URL(path, session.apiUrl), {
        ...init,
        headers: { ...(init.headers ?? {}), authorization: `Bearer ${session.token}` },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new ApiFailure('transient', {
        code: timedOut ? 'errors:api.timeout' : 'errors:api.unreachable',
        message: String(error),
      });
    }
    if (res.ok) return res;
    const body = errorBodySchema.safeParse(await res.json().catch(() => null));
    const error: AppErrorData = body.success
      ? body.data.error
      : { code: 'errors:api.serverError', params: { status: res.status } };
    if (res.status >= 500) error.params = { ...(error.params ?? {}), status: res.status };
    throw new ApiFailure(classifyStatus(res.status), error, res.status);
  }

  async submit(body: SubmitApplication): Promise<ApplicationReceipt> {
    const res = await this.request('/v1/applications', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': body.manifest.applicationId },
      body: JSON.stringify(body),
    });
    return applicationReceiptSchema.parse(await res.json());
  }

  async feed(cursor: string | undefined, limit = 200): Promise<FeedPage> {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const res = await this.request(`/v1/feed?${query}`);
    return feedPageSchema.parse(await res.json());
  }
}

/** Probes /healthz: connectivity means "the API answers", not merely navigator.onLine. */
export async function probeApi(apiUrl: string, timeoutMs = 5_000): Promise<boolean> {
  try {
    const res = await fetch(new URL('/healthz', apiUrl), {
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
    return res.ok;
  } catch {
    return false;
  }
}
