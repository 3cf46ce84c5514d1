import { AppError } from '@shared/errors';
import { sessionSchema, type Session } from '@shared/api/schemas';

/**
 * Trades the centre key (kept here, in the host) for a short-lived session token the renderer may hold.
 * A session is reused until five minutes before it expires.
 */
export function createApiSessionSource(options: {
  apiUrl: string;
  /** The enrolled centre, read from the sealed secret store at each new session; null before enrolment. */
  credentials: () => Promise<{ centreId: string; centreKey: string } | null>;
  fetch?: typeof fetch;
}) {
  const doFetch = options.fetch ?? fetch;
  let cached: Session | undefined;
  return async function session(): Promise<Session> {
    if (cached && new Date(cached.expiresAt).getTime() - Date.now() > 5 * 60_000) return cached;
    const centre = await options.credentials();
    if (!centre) throw new AppError('errors:api.notEnrolled');
    let res: Response;
    try {
      res = await doFetch(new URL('/v1/sessions', options.apiUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${centre.centreKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ centreId: centre.centreId }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new AppError('errors:api.unreachable', undefined, String(error));
    }
    if (res.status === 401) throw new AppError('errors:api.centreKeyRejected');
    if (!res.ok) throw new AppError('errors:api.serverError', { status: res.status });
    cached = sessionSchema.parse(await res.json());
    return cached;
  };
}
