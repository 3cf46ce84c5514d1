import type { DecisionFeedPage, HandoverReceipt, HandoverRequest } from '@shared/decisions/schema';
import { ApiClient, type ApiSession } from '../api/client';

/** The centre side of the decisions API (the decisions feed and hand-over): routes of the one API client. */
export class DecisionsApi {
  private readonly client: ApiClient;

  constructor(session: () => Promise<ApiSession>, timeoutMs = 20_000) {
    this.client = new ApiClient(session, timeoutMs);
  }

  feed(cursor: string | undefined, limit = 100): Promise<DecisionFeedPage> {
    return this.client.call('decisionsFeed', { query: { cursor, limit } });
  }

  handover(decisionId: string, body: HandoverRequest): Promise<HandoverReceipt> {
    return this.client.call('handover', { params: { id: decisionId }, body });
  }
}
