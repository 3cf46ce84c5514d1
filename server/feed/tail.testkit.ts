import { randomUUID } from 'node:crypto';
import type { FeedPage } from '@shared/api/schemas';
import type { Manifest } from '@shared/manifest/manifest';

/** Test and bench helpers: a centre's session, concurrent submitters and a tailing feed reader over real HTTP. */
export async function openSession(url: string, centre: { id: string; key: string }): Promise<string> {
  const res = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ centreId: centre.id }),
  });
  if (res.status !== 201) throw new Error(`session: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

const manifest = (centreId: string): Manifest => ({
  schema: 'qabyldau.application/1',
  applicationId: randomUUID(),
  centreId,
  serviceId: 'edu-licence-school',
  subOperation: 'issue',
  applicant: { kind: 'individual', id: '900101300126' },
  form: {},
  documentsPresented: ['application'],
  attachments: [],
  acceptedAt: new Date().toISOString(),
});

/**
 * Submits `count` applications (no attachments, so each is one feed row) from `concurrency` parallel writers,
 * spreading requests over `urls` in turn. Resolves with the ids the API acknowledged.
 */
export async function submitConcurrently(
  urls: string[],
  token: string,
  centreId: string,
  count: number,
  concurrency: number,
): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const writer = async () => {
    for (let i = next++; i < count; i = next++) {
      const m = manifest(centreId);
      const res = await fetch(`${urls[i % urls.length]}/v1/applications`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': m.applicationId,
        },
        body: JSON.stringify({ manifest: m }),
      });
      if (res.status !== 201) throw new Error(`submit: HTTP ${res.status} ${await res.text()}`);
      ids.push(m.applicationId);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, writer));
  return ids;
}

/** A poller that follows the application feed the way a desk does: one cursor, pages from the nodes in turn. */
export class FeedTail {
  /** How many times each application was served. */
  readonly seen = new Map<string, number>();
  cursor: string | undefined;
  private turn = 0;

  constructor(
    private readonly urls: string[],
    private readonly token: string,
    private readonly limit = 50,
  ) {}

  async poll(): Promise<FeedPage> {
    const url = this.urls[this.turn++ % this.urls.length];
    const query = `limit=${this.limit}${this.cursor ? `&cursor=${this.cursor}` : ''}`;
    const res = await fetch(`${url}/v1/feed?${query}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (res.status !== 200) throw new Error(`feed: HTTP ${res.status}`);
    const page = (await res.json()) as FeedPage;
    for (const item of page.items)
      this.seen.set(item.applicationId, (this.seen.get(item.applicationId) ?? 0) + 1);
    this.cursor = page.cursor;
    return page;
  }

  /** Reads until the feed says there is no more right now. */
  async drain(): Promise<void> {
    while ((await this.poll()).hasMore);
  }

  missed(ids: string[]): string[] {
    return ids.filter((id) => !this.seen.has(id));
  }

  duplicated(): string[] {
    return [...this.seen].filter(([, n]) => n > 1).map(([id]) => id);
  }
}

/** Everything the feed serves now to a reader starting from the beginning. */
export async function readWholeFeed(url: string, token: string): Promise<string[]> {
  const reader = new FeedTail([url], token, 500);
  await reader.drain();
  return [...reader.seen.keys()];
}
