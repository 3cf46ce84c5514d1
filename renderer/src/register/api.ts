import { errorBodySchema } from '@shared/api/schemas';
import { AppError } from '@shared/errors';
import {
  checksPageSchema,
  paymentCheckResultSchema,
  registerLookupSchema,
  type ChecksPage,
  type PaymentCheckRequest,
  type PaymentCheckResult,
  type RegisterLookup,
} from '@shared/register/schemas';
import type { ApiSession } from '../sync/api-client';

export type LookupAnswer = { outcome: 'found'; answer: RegisterLookup } | { outcome: 'not-found' };

/** Anything that means "no answer now": offline, timeout, 5xx. The desk then falls back to typing. */
export class RegisterUnreachable extends AppError {
  constructor(detail: string) {
    super('register:lookup.unavailableError', undefined, detail);
  }
}

/** The desk's side of the register, payment and checks endpoints. */
export class RegisterApi {
  constructor(
    private readonly session: () => Promise<ApiSession>,
    private readonly timeoutMs = 3_000,
  ) {}

  private async request(path: string, init: RequestInit = {}, timeoutMs = this.timeoutMs): Promise<Response> {
    let res: Response;
    try {
      const s = await this.session();
      res = await fetch(new URL(path, s.apiUrl), {
        ...init,
        headers: { ...(init.headers ?? {}), authorization: `Bearer ${s.token}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new RegisterUnreachable(String(error));
    }
    if (res.status >= 500 || res.status === 401) throw new RegisterUnreachable(`HTTP ${res.status}`);
    return res;
  }

  private static async fail(res: Response): Promise<never> {
    const body = errorBodySchema.safeParse(await res.json().catch(() => null));
    throw body.success ? AppError.from(body.data.error) : new RegisterUnreachable(`HTTP ${res.status}`);
  }

  /** found / not-found (the register answered); throws RegisterUnreachable when it did not answer in time. */
  async lookup(kind: RegisterLookup['kind'], id: string): Promise<LookupAnswer> {
    const res = await this.request(`/v1/register/${kind === 'individual' ? 'individuals' : 'legal-entities'}/${encodeURIComponent(id)}`);
    if (res.status === 404) return { outcome: 'not-found' };
    if (!res.ok) return RegisterApi.fail(res);
    return { outcome: 'found', answer: registerLookupSchema.parse(await res.json()) };
  }

  async checkPayment(body: PaymentCheckRequest): Promise<PaymentCheckResult> {
    const res = await this.request('/v1/payments/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) return RegisterApi.fail(res);
    return paymentCheckResultSchema.parse(await res.json());
  }

  async checks(cursor: string | undefined, limit = 200): Promise<ChecksPage> {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const res = await this.request(`/v1/checks?${query}`, {}, 20_000);
    if (!res.ok) return RegisterApi.fail(res);
    return checksPageSchema.parse(await res.json());
  }
}
