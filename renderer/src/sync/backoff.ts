/**
 * When to try again. The delay follows the link, not a count of failures: a try that moved bytes or registered
 * something resets it (see SyncEngine), while the /healthz probe says online the delay never exceeds tens of
 * seconds, and only while the probe says offline does the engine wait longer between (cheap) probes.
 */
export interface RetryPolicy {
  /** First delay after a try that moved nothing. */
  baseMs: number;
  /** Longest delay while the API answers the probe. */
  onlineCapMs: number;
  /** First and longest wait between probes while the API does not answer. */
  offlineBaseMs: number;
  offlineCapMs: number;
  /**
   * Longest delay after a try that the server acknowledged progress on (then broke): the link just worked, so
   * waiting only costs link time; the jitter (0 up to this) still spreads desks that broke together.
   */
  afterProgressJitterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseMs: 1_000,
  onlineCapMs: 30_000,
  offlineBaseMs: 1_000,
  offlineCapMs: 60_000,
  afterProgressJitterMs: 250,
};

/**
 * "Equal jitter": half of the exponential ceiling is fixed and half random, so a desk never hammers the API with
 * zero delays and many desks coming back together spread out. `failures` counts consecutive tries without
 * progress; 0 (a try that moved bytes, then broke) gives the shortest delay.
 */
function jittered(failures: number, base: number, cap: number, random: () => number): number {
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(failures, 0), 20));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

/** Delay before the next try of an application, while the API answers the probe. */
export function retryDelayMs(
  failures: number,
  random: () => number = Math.random,
  policy: RetryPolicy = defaultRetryPolicy,
): number {
  return jittered(failures, policy.baseMs, policy.onlineCapMs, random);
}

/** Delay before the next try of an application whose last try moved bytes (or registered something), then broke. */
export function retryDelayAfterProgressMs(
  random: () => number = Math.random,
  policy: RetryPolicy = defaultRetryPolicy,
): number {
  return Math.floor(random() * policy.afterProgressJitterMs);
}

/** Wait before probing again after `offlinePasses` consecutive probes that found the API away. */
export function offlineProbeDelayMs(
  offlinePasses: number,
  random: () => number = Math.random,
  policy: RetryPolicy = defaultRetryPolicy,
): number {
  return jittered(offlinePasses - 1, policy.offlineBaseMs, policy.offlineCapMs, random);
}

/**
 * How long the engine sleeps before its next pass: at the earliest retry that falls due, never later than the
 * regular interval (feeds are pulled on every pass); while offline, the growing probe delay instead.
 */
export function nextPassDelayMs(input: {
  now: number;
  intervalMs: number;
  earliestDueAt: number | null;
  offlinePasses: number;
  random?: () => number;
  policy?: RetryPolicy;
}): number {
  if (input.offlinePasses > 0) return offlineProbeDelayMs(input.offlinePasses, input.random, input.policy);
  if (input.earliestDueAt === null) return input.intervalMs;
  return Math.max(0, Math.min(input.intervalMs, input.earliestDueAt - input.now));
}
