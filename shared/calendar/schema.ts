import { z } from 'zod';
import { isIsoDate } from './isoDate';

/**
 * The working-day calendar as data, so the central API can ship corrections (a new decree transfer, the
 * announced Kurban Ait date) without a new build. `version` changes whenever the content does.
 */
export const isoDateSchema = z.string().refine(isIsoDate, { message: 'identity:calendar.invalidDate' });

/** A holiday on the same day every year, for the years its law was in force. */
export const fixedHolidaySchema = z.object({
  /** i18n key suffix `identity:calendar.holiday.<holiday>`; several days can share it (Nauryz). */
  holiday: z.string().regex(/^[a-z][a-z-]*$/),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  /** Religious holidays (Labour Code art. 85 note) never move to the next working day. */
  religious: z.boolean(),
  validFrom: z.number().int().optional(),
  validTo: z.number().int().optional(),
  source: z.string().min(1),
});
export type FixedHoliday = z.infer<typeof fixedHolidaySchema>;

/** A holiday whose date is announced per year (the first day of Kurban Ait, by the lunar calendar). */
export const movableHolidaySchema = z.object({
  holiday: z.string().regex(/^[a-z][a-z-]*$/),
  religious: z.boolean(),
  dates: z.array(
    z.object({
      date: isoDateSchema,
      /** `to-confirm`: recalled from public announcements; `forecast`: astronomical estimate, not yet announced. */
      status: z.enum(['confirmed', 'to-confirm', 'forecast']),
    }),
  ),
  source: z.string().min(1),
});
export type MovableHoliday = z.infer<typeof movableHolidaySchema>;

export const transferAuthoritySchema = z.enum(['government', 'labour-ministry']);

/** One day changed by a government decree or a labour-minister order (Labour Code art. 85 §3). */
export const dayTransferSchema = z.object({
  date: isoDateSchema,
  becomes: z.enum(['working', 'day-off']),
  /** The act as a reader can look it up (title and adilet id). */
  decree: z.string().min(1),
  /** adilet.zan.kz document id; optional so a feed correction can name an act not yet published there. */
  actId: z.string().min(1).optional(),
  authority: transferAuthoritySchema.optional(),
  /** false until the dates were checked against the act or an independent report of its text. */
  verified: z.boolean().optional(),
  evidence: z.string().min(1).optional(),
});
export type DayTransfer = z.infer<typeof dayTransferSchema>;

/** Which body could move days off in a year and which acts did (`none-known`: no act found). */
export const transferYearSchema = z.object({
  year: z.number().int(),
  authority: transferAuthoritySchema,
  status: z.enum(['transfers', 'none-known']),
  acts: z.array(z.string().min(1)),
  verified: z.boolean(),
});
export type TransferYear = z.infer<typeof transferYearSchema>;

export const calendarSchema = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    /** Years for which holidays (notably Kurban Ait) are known; outside them counting refuses to guess. */
    coverage: z.object({ from: z.number().int(), to: z.number().int() }),
    /** 0 = Sunday … 6 = Saturday. */
    weekend: z.array(z.number().int().min(0).max(6)).max(6),
    fixedHolidays: z.array(fixedHolidaySchema),
    movableHolidays: z.array(movableHolidaySchema),
    transfers: z.array(dayTransferSchema),
    transferYears: z.array(transferYearSchema).default([]),
    /**
     * Civil Code of the RK art. 173: a term whose last day falls on a day off ends on the next working day.
     * Applied by `calendarTermEnd` to terms counted in calendar days.
     */
    termEndRule: z.string().min(1).optional(),
  })
  .superRefine((calendar, ctx) => {
    if (calendar.coverage.from > calendar.coverage.to) {
      ctx.addIssue({ code: 'custom', message: 'identity:calendar.invalidCalendar', path: ['coverage'] });
    }
    const seen = new Set<string>();
    calendar.transfers.forEach((t, i) => {
      if (seen.has(t.date)) {
        ctx.addIssue({
          code: 'custom',
          message: 'identity:calendar.invalidCalendar',
          path: ['transfers', i, 'date'],
        });
      }
      seen.add(t.date);
    });
    calendar.movableHolidays.forEach((h, i) => {
      const years = h.dates.map((d) => d.date.slice(0, 4));
      if (new Set(years).size !== years.length) {
        ctx.addIssue({
          code: 'custom',
          message: 'identity:calendar.invalidCalendar',
          path: ['movableHolidays', i],
        });
      }
    });
  });
export type WorkCalendar = z.infer<typeof calendarSchema>;
