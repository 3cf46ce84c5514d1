/**
 * Exponential backoff with full jitter (AWS architecture blog), capped but never exhausted: an accepted
 * application is retried for as long as it takes.
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random, baseMs = 2_000, capMs = 10 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.max(baseMs / 2, Math.floor(random() * ceiling));
}
