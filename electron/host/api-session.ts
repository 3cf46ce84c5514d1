import { AppError } from '@shared/errors';
import { sessionSchema, type Session } from '@shared/api/schemas';

/**
 * Trades the centre key (kept here, in the host) for a short-lived session token the renderer may hold.
 * A session is reused until five minutes before it expires.
 */
export function createApiSessionSource(options: { apiUrl: string; centreId: string; centreKey: string; fetch?: typeof fetch }) {
  const doFetch = options.fetch ?? fetch;
  let cached: Session | undefined;
  return async function session(): Promise<Session> {
    if (cached && new Date(cached.expiresAt).getTime() - Date.now() > 5 * 60_000) return cached;
    let res: Response;
    try {
      res = await doFetch(new URL('/v1/sessions', options.apiUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${options.centreKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ centreId: options.centreId }),
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
