import { AppError } from '../errors';

/**
 * ISO calendar dates as whole UTC days. Dates here are civil dates with no time of day, so all arithmetic is in
 * UTC to stay clear of the machine's time zone and daylight-saving jumps.
 */
const msPerDay = 86_400_000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a real `YYYY-MM-DD` date; throws `identity:calendar.invalidDate` otherwise. */
export function toDayNumber(iso: string): number {
  const m = isoDatePattern.exec(iso);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(year, month - 1, day);
    const back = new Date(ms);
    // Date.UTC rolls 2026-02-30 over to March; a round trip catches impossible dates.
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day) {
      return ms / msPerDay;
    }
  }
  throw new AppError('identity:calendar.invalidDate', { value: String(iso) });
}

export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * msPerDay).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as `Date.prototype.getUTCDay`. */
export function weekdayOf(dayNumber: number): number {
  return new Date(dayNumber * msPerDay).getUTCDay();
}

export function yearOf(dayNumber: number): number {
  return new Date(dayNumber * msPerDay).getUTCFullYear();
}

export function isIsoDate(value: string): boolean {
  try {
    toDayNumber(value);
    return true;
  } catch {
    return false;
  }
}
