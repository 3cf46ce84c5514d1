import { decisionFeedPageSchema, handoverReceiptSchema, type DecisionFeedPage, type HandoverReceipt, type HandoverRequest } from '@shared/decisions/schema';
import { errorBodySchema } from '@shared/api/schemas';
import { AppError } from '@shared/errors';
import type { ApiSession } from '../sync/api-client';

/** The centre side of the decisions API: the decisions feed and hand-over, with the desk's session. */
export class DecisionsApi {
  constructor(
    private readonly session: () => Promise<ApiSession>,
    private readonly timeoutMs = 20_000,
  ) {}

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const s = await this.session();
    const res = await fetch(new URL(path, s.apiUrl), {
      ...init,
      headers: { ...(init.headers ?? {}), authorization: `Bearer ${s.token}` },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (res.ok) return res;
    const body = errorBodySchema.safeParse(await res.json().catch(() => null));
    throw body.success ? AppError.from(body.data.error) : new AppError('print:errors.feedFailed', undefined, `HTTP ${res.status}`);
  }

  async feed(cursor: string | undefined, limit = 100): Promise<DecisionFeedPage> {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return decisionFeedPageSchema.parse(await (await this.request(`/v1/decisions?${query}`)).json());
  }

  async handover(decisionId: string, body: HandoverRequest): Promise<HandoverReceipt> {
    const res = await this.request(`/v1/decisions/${decisionId}/handover`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return handoverReceiptSchema.parse(await res.json());
  }
}
