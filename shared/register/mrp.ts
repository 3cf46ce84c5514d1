import { z } from 'zod';

/**
 * Monthly calculation index (МРП / АЕК), in tenge, as set by each year's law on the republican budget. A year
 * may change mid-way (2020: from 1 April); a value applies from `from` until the next entry. Data, not code: a new
 * year is one more line. Where a figure still needs checking against the act, `verify` says so.
 */
export const mrpPeriodSchema = z.object({
  from: z.iso.date(),
  tenge: z.number().int().positive(),
  act: z.string().min(1),
  verify: z.string().optional(),
});
export type MrpPeriod = z.infer<typeof mrpPeriodSchema>;

export const mrpTable: readonly MrpPeriod[] = Object.freeze(
  z.array(mrpPeriodSchema).parse([
    { from: '2012-01-01', tenge: 1618, act: 'Law on the republican budget for 2012–2014' },
    { from: '2013-01-01', tenge: 1731, act: 'Law on the republican budget for 2013–2015' },
    { from: '2014-01-01', tenge: 1852, act: 'Law on the republican budget for 2014–2016' },
    { from: '2015-01-01', tenge: 1982, act: 'Law on the republican budget for 2015–2017' },
    { from: '2016-01-01', tenge: 2121, act: 'Law on the republican budget for 2016–2018' },
    { from: '2017-01-01', tenge: 2269, act: 'Law on the republican budget for 2017–2019' },
    { from: '2018-01-01', tenge: 2405, act: 'Law on the republican budget for 2018–2020' },
    { from: '2019-01-01', tenge: 2525, act: 'Law on the republican budget for 2019–2021' },
    { from: '2020-01-01', tenge: 2651, act: 'Law on the republican budget for 2020–2022' },
    { from: '2020-04-01', tenge: 2778, act: 'Amendment to the 2020–2022 budget law' },
    { from: '2021-01-01', tenge: 2917, act: 'Law on the republican budget for 2021–2023' },
    {
      from: '2022-01-01',
      tenge: 3063,
      act: 'Law on the republican budget for 2022–2024',
      verify: 'raised to 3180 during 2022; add that period once its effective date is confirmed',
    },
    { from: '2023-01-01', tenge: 3450, act: 'Law on the republican budget for 2023–2025' },
    { from: '2024-01-01', tenge: 3692, act: 'Law on the republican budget for 2024–2026' },
    { from: '2025-01-01', tenge: 3932, act: 'Law on the republican budget for 2025–2027' },
    { from: '2026-01-01', tenge: 4325, act: 'Law on the republican budget for 2026–2028', verify: 'confirm against the published act' },
  ]),
);

/** The МРП in force on an ISO date, or undefined before the table starts. */
export function mrpOn(isoDate: string, table: readonly MrpPeriod[] = mrpTable): MrpPeriod | undefined {
  let found: MrpPeriod | undefined;
  for (const p of table) if (p.from <= isoDate.slice(0, 10)) found = p;
  return found;
}
