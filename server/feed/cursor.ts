/**
 * Opaque feed cursors. A position is the writing transaction's id (xid8) and the row's `feed_seq` within it; the
 * feed letter keeps a cursor of one feed from being replayed against another. Cursors from before the watermark
 * (`<letter>:<seq>`) stay valid: those rows were stamped with transaction 0 when the column was added.
 */
export type FeedLetter = 's' | 'd' | 'c';

export interface FeedPosition {
  xid: string;
  seq: string;
}

export const feedStart: FeedPosition = { xid: '0', seq: '0' };

const digits = '\\d{1,20}';

export function encodeFeedCursor(feed: FeedLetter, position: FeedPosition): string {
  return Buffer.from(`${feed}:${position.xid}:${position.seq}`).toString('base64url');
}

/** The position after which to continue; the start for no cursor; null for a cursor that is not this feed's. */
export function decodeFeedCursor(feed: FeedLetter, cursor: string | undefined): FeedPosition | null {
  if (!cursor) return feedStart;
  const text = Buffer.from(cursor, 'base64url').toString();
  const current = new RegExp(`^${feed}:(${digits}):(${digits})$`).exec(text);
  if (current) return inRange({ xid: current[1]!, seq: current[2]! });
  const legacy = new RegExp(`^${feed}:(${digits})$`).exec(text);
  return legacy ? inRange({ xid: '0', seq: legacy[1]! }) : null;
}

// xid8 is unsigned 64-bit and feed_seq a signed bigint: anything larger is not a cursor this server handed out.
const inRange = (p: FeedPosition): FeedPosition | null =>
  BigInt(p.xid) < 2n ** 64n && BigInt(p.seq) < 2n ** 63n ? p : null;
