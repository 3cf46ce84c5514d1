/**
 * Opaque feed cursors: a feed letter plus a position in the shared `feed_seq`, base64url-encoded so clients treat
 * it as a token. The letter keeps a cursor of one feed from being replayed against another.
 */
export function feedCursor(feed: 's' | 'd' | 'c') {
  const pattern = new RegExp(`^${feed}:\\d{1,19}$`);
  return {
    encode: (seq: string) => Buffer.from(`${feed}:${seq}`).toString('base64url'),
    /** The position after which to continue; '0' for no cursor; null for a cursor that is not this feed's. */
    decode(cursor: string | undefined): string | null {
      if (!cursor) return '0';
      const text = Buffer.from(cursor, 'base64url').toString();
      return pattern.test(text) ? text.slice(2) : null;
    },
  };
}
