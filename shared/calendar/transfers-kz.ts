import type { DayTransfer, TransferYear } from './schema';

/**
 * Kazakhstan transfers of days off (Labour Code art. 85 §3), 2012–2026, one entry per act.
 *
 * Where the data came from (no internet at build time, so no act text was read on adilet.zan.kz):
 * - dates and adilet act ids: the `KazakhstanStaticHolidays` table of python-holidays 0.105 (MIT), which cites
 *   archived adilet pages for each year;
 * - `verified: true` only where an independent report of the act's text (government site or press quoting the
 *   decree/order) was also found and gives the same dates; `evidence` names it. Everything else is
 *   `verified: false` until someone reads the act.
 * Authority: the acts for 2012–2023 are Government decrees (adilet ids P…); for 2024 and 2025 the press reports
 * orders of the Ministry of Labour and Social Protection (adilet ids G24G…), after art. 85 §3 named the
 * authorised body for labour instead of the Government.
 *
 * To add a year: append its act to `acts` below (the dates as the act words them: day off ← worked day),
 * add the year to `transferYears` (status `none-known` when the authority published no transfer), bump
 * `version` in kazakhstan.ts, and add one test per transfer in transfers.test.ts (a due date across it).
 */
type Authority = 'government' | 'labour-ministry';

interface Act {
  actId: string;
  authority: Authority;
  title: string;
  verified: boolean;
  evidence: string;
  /** [day off, worked day] pairs as the act moves them. */
  moves: [string, string][];
}

const pyHolidays = 'python-holidays 0.105 KazakhstanStaticHolidays (dates, act id)';

const acts: Act[] = [
  {
    actId: 'P1200000268',
    authority: 'government',
    title: 'Government decree on moving days off in 2012',
    verified: false,
    evidence: pyHolidays,
    moves: [['2012-03-09', '2012-03-11']],
  },
  {
    actId: 'P1200000458',
    authority: 'government',
    title: 'Government decree on moving a day off in 2012 (May)',
    verified: false,
    evidence: pyHolidays,
    moves: [['2012-04-30', '2012-04-28']],
  },
  {
    actId: 'P1200001538',
    authority: 'government',
    title: 'Government decree on moving a day off in 2012 (December)',
    verified: false,
    evidence: pyHolidays,
    moves: [['2012-12-31', '2012-12-29']],
  },
  {
    actId: 'P1300000345',
    authority: 'government',
    title: 'Government decree on moving a day off in 2013 (May)',
    verified: false,
    evidence: pyHolidays,
    moves: [['2013-05-10', '2013-05-04']],
  },
  {
    actId: 'P1300001068',
    authority: 'government',
    title: 'Government decree on moving a day off in 2013 (Kurban Ait)',
    verified: false,
    evidence: pyHolidays,
    moves: [['2013-10-14', '2013-10-12']],
  },
  {
    actId: 'P1300001322',
    authority: 'government',
    title: 'Government decree on moving a day off from 28.12.2013 to 03.01.2014',
    verified: false,
    evidence: pyHolidays,
    moves: [['2014-01-03', '2013-12-28']],
  },
  {
    actId: 'P1400000365',
    authority: 'government',
    title: 'Government decree on moving days off in 2014',
    verified: false,
    evidence: pyHolidays,
    moves: [
      ['2014-05-02', '2014-05-04'],
      ['2014-05-08', '2014-05-11'],
    ],
  },
  {
    actId: 'P1600000067',
    authority: 'government',
    title: 'Government decree on moving a day off in 2016',
    verified: false,
    evidence: `${pyHolidays}; a press note (qonaev-gorod.kz) on "8 March on a Tuesday, 5 March worked" fits both 2016 and 2022`,
    moves: [['2016-03-07', '2016-03-05']],
  },
  {
    actId: 'P1700000005',
    authority: 'government',
    title: 'Government decree on moving days off in 2017',
    verified: true,
    evidence: `${pyHolidays}; decree text quoted by zakon.kz ("с субботы 18 марта … на понедельник 20 марта; с субботы 1 июля … на пятницу 7 июля")`,
    moves: [
      ['2017-03-20', '2017-03-18'],
      ['2017-07-07', '2017-07-01'],
    ],
  },
  {
    actId: 'P1700000864',
    authority: 'government',
    title: 'Government decree on moving days off in 2018',
    verified: true,
    evidence: `${pyHolidays}; primeminister.kz news 15835 lists the same five transfers`,
    moves: [
      ['2018-03-09', '2018-03-03'],
      ['2018-04-30', '2018-04-28'],
      ['2018-05-08', '2018-05-05'],
      ['2018-08-31', '2018-08-25'],
      ['2018-12-31', '2018-12-29'],
    ],
  },
  {
    actId: 'P1800000888',
    authority: 'government',
    title: 'Government decree on moving a day off in 2019',
    verified: false,
    evidence: pyHolidays,
    moves: [['2019-05-10', '2019-05-04']],
  },
  {
    actId: 'P1900000820',
    authority: 'government',
    title: 'Government decree of 01.11.2019 on moving days off in 2020',
    verified: true,
    evidence: `${pyHolidays}; decree text quoted by kyzylorda-news.kz (5 Jan → 3 Jan, 11 May → 8 May, 20 Dec → 18 Dec)`,
    moves: [
      ['2020-01-03', '2020-01-05'],
      ['2020-05-08', '2020-05-11'],
      ['2020-12-18', '2020-12-20'],
    ],
  },
  {
    actId: 'P2000000930',
    authority: 'government',
    title: 'Government decree on moving a day off in 2021',
    verified: false,
    evidence: pyHolidays,
    moves: [['2021-07-05', '2021-07-03']],
  },
  {
    actId: 'P2200000796',
    authority: 'government',
    title: 'Government decree on moving days off in 2022, as amended for Republic Day',
    verified: false,
    evidence: `${pyHolidays}; the 22 Oct → 24 Oct amendment is quoted by ortcom.kz, the March and August moves are not independently confirmed`,
    moves: [
      ['2022-03-07', '2022-03-05'],
      ['2022-08-29', '2022-08-27'],
      ['2022-10-24', '2022-10-22'],
    ],
  },
  {
    actId: 'P2300000326',
    authority: 'government',
    title: 'Government decree on moving a day off in 2023 (Capital Day)',
    verified: true,
    evidence: `${pyHolidays}; prosud.kz and aqparat.info report the decree (1 July worked, 7 July off)`,
    moves: [['2023-07-07', '2023-07-01']],
  },
  {
    actId: 'G24G0000109',
    authority: 'labour-ministry',
    title: 'Order of the Minister of Labour and Social Protection on moving a day off in 2024',
    verified: true,
    evidence: `${pyHolidays}; altainews.kz/zakon.kz quote the ministry's order ("с субботы 4 мая 2024 года на среду 8 мая")`,
    moves: [['2024-05-08', '2024-05-04']],
  },
  {
    actId: 'G24G0000436',
    authority: 'labour-ministry',
    title: 'Order of the Minister of Labour and Social Protection on moving a day off in 2025',
    verified: true,
    evidence: `${pyHolidays}; informburo.kz reports the ministry's order (Sunday 5 January → Friday 3 January)`,
    moves: [['2025-01-03', '2025-01-05']],
  },
];

/** Every transfer as calendar data: the day off and the worked day of each move, with their act. */
export const kazakhstanTransfers: DayTransfer[] = acts.flatMap((act) =>
  act.moves.flatMap(([dayOff, worked]) =>
    [
      [dayOff, 'day-off'],
      [worked, 'working'],
    ].map(([date, becomes]) => ({
      date: date as string,
      becomes: becomes as DayTransfer['becomes'],
      decree: `${act.title}, adilet ${act.actId}`,
      actId: act.actId,
      authority: act.authority,
      verified: act.verified,
      evidence: act.evidence,
    })),
  ),
);

const yearOfAct = (act: Act) => Number(act.moves[0]![0].slice(0, 4));

/**
 * Who could move days off each year and which acts did; `none-known`: no act found (2015: none in the
 * source data; 2026: the press on the New Year period reports no move, the rest of the year is unchecked).
 */
export const kazakhstanTransferYears: TransferYear[] = Array.from({ length: 2026 - 2012 + 1 }, (_, i) => {
  const year = 2012 + i;
  const ofYear = acts.filter((a) => yearOfAct(a) === year);
  return {
    year,
    authority: year >= 2024 ? 'labour-ministry' : 'government',
    status: ofYear.length > 0 ? 'transfers' : 'none-known',
    acts: ofYear.map((a) => a.actId),
    verified: ofYear.length > 0 && ofYear.every((a) => a.verified),
  };
});
