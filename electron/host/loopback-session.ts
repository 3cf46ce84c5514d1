import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Who may call the host over the loopback transport. Nothing served over plain GET carries a credential: the
 * operator opens a one-time bootstrap link (printed by `npm start`), the host spends its code and answers with an
 * HttpOnly, SameSite=Strict session cookie, bound host-side to the origin the link was opened on. A local process
 * that can GET every page still has no code and no cookie, and a page that has the cookie can only use it from
 * that origin.
 */
export interface LoopbackSessions {
  /** A fresh single-use code; spent by `redeem`. */
  issueCode(): string;
  /** Spends a code; the new session's cookie value, or null when the code is unknown or already spent. */
  redeem(code: string, origin: string): string | null;
  /** Whether a cookie header carries a live session issued for exactly this origin. */
  allows(cookieHeader: string | undefined, origin: string | undefined): boolean;
  readonly cookieName: string;
  /** The Set-Cookie value for a session (HttpOnly, SameSite=Strict, only sent to the host's call path). */
  setCookie(session: string): string;
}

const secret = () => randomBytes(32).toString('base64url');

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createLoopbackSessions(options: {
  /** Cookies are not port-scoped; naming the cookie after the port keeps two hosts on one machine apart. */
  port: number;
  cookiePath: string;
  /** An operator's shift; after it the operator opens a new bootstrap link. */
  maxAgeSeconds?: number;
  /** A code chosen by the caller (e2e hands the browser the code it gave the host); single-use like any other. */
  presetCode?: string;
  now?: () => number;
}): LoopbackSessions {
  const now = options.now ?? Date.now;
  const maxAge = options.maxAgeSeconds ?? 12 * 3600;
  const codes = new Set<string>();
  const sessions = new Map<string, { origin: string; expiresAt: number }>();
  if (options.presetCode) {
    if (options.presetCode.length < 32) throw new Error('a preset bootstrap code must have at least 32 characters');
    codes.add(options.presetCode);
  }
  const cookieName = `qabyldau_host_${options.port}`;

  function parseCookie(header: string | undefined): string | null {
    for (const part of (header ?? '').split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === cookieName) return rest.join('=');
    }
    return null;
  }

  return {
    cookieName,
    issueCode() {
      const code = secret();
      codes.add(code);
      return code;
    },
    redeem(code, origin) {
      for (const known of codes) {
        if (!equal(known, code)) continue;
        codes.delete(known);
        const session = secret();
        sessions.set(session, { origin, expiresAt: now() + maxAge * 1000 });
        return session;
      }
      return null;
    },
    allows(cookieHeader, origin) {
      const value = parseCookie(cookieHeader);
      if (!value || !origin) return false;
      for (const [session, entry] of sessions) {
        if (entry.expiresAt <= now()) {
          sessions.delete(session);
          continue;
        }
        if (equal(session, value)) return entry.origin === origin;
      }
      return false;
    },
    setCookie(session) {
      return `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=${options.cookiePath}; Max-Age=${maxAge}`;
    },
  };
}
