import type {
  ChecksPage,
  PaymentCheckRequest,
  PaymentCheckResult,
  RegisterLookup,
} from '@shared/register/schemas';
import { ApiClient, ApiError, type ApiSession } from '../api/client';

export type LookupAnswer = { outcome: 'found'; answer: RegisterLookup } | { outcome: 'not-found' };

/** Anything that means "no answer now": offline, timeout, 5xx, no session. The desk then falls back to typing. */
export class RegisterUnreachable extends ApiError {
  constructor(cause: ApiError) {
    super({
      status: cause.status,
      code: 'register:lookup.unavailableError',
      message: cause.message,
      kind: 'transient',
    });
  }
}

const unanswered = (error: ApiError) => error.status === 0 || error.status === 401 || error.status >= 500;

/** The desk's register, payment and checks calls: routes of the one API client, with the desk's short timeout. */
export class RegisterApi {
  private readonly client: ApiClient;

  constructor(session: () => Promise<ApiSession>, timeoutMs = 3_000) {
    this.client = new ApiClient(session, timeoutMs);
  }

  /** An ApiError that means the register did not answer becomes RegisterUnreachable; other failures pass. */
  private static async answered<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      if (error instanceof ApiError && unanswered(error)) throw new RegisterUnreachable(error);
      throw error;
    }
  }

  /** found / not-found (the register answered); throws RegisterUnreachable when it did not answer in time. */
  async lookup(kind: RegisterLookup['kind'], id: string): Promise<LookupAnswer> {
    try {
      const answer = await RegisterApi.answered(
        kind === 'individual'
          ? this.client.call('registerIndividual', { params: { iin: id } })
          : this.client.call('registerLegalEntity', { params: { bin: id } }),
      );
      return { outcome: 'found', answer };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { outcome: 'not-found' };
      throw error;
    }
  }

  checkPayment(body: PaymentCheckRequest): Promise<PaymentCheckResult> {
    return RegisterApi.answered(this.client.call('paymentCheck', { body }));
  }

  checks(cursor: string | undefined, limit = 200): Promise<ChecksPage> {
    return RegisterApi.answered(
      this.client.call('checksFeed', { query: { cursor, limit } }, { timeoutMs: 20_000 }),
    );
  }
}
