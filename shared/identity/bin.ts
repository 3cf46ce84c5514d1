import { AppError } from '../errors';
import { controlDigit, hasValidControlDigit } from './checkDigit';
import { pad } from './isoDate';

/**
 * БИН (БСН): YYMM of registration, entity type, division kind, a 5-digit serial, the control digit
 * (same algorithm as ИИН). [EXT] Government decree No 406 of 22.05.2007; python-stdnum `kz/bin.py`;
 * valery1707/kaz-person-id; ../../../shared/research/kz-pki-and-signing.md §3.
 *
 * The two-digit year has no century marker. Entities registered before БИН existed (2007) kept their original
 * registration date (e.g. 9401… for 1994), so 50–99 are read as 19xx and 00–49 as 20xx.
 */
export const binReasons = [
  'identity:bin.digits',
  'identity:bin.length',
  'identity:bin.registrationMonth',
  'identity:bin.entityType',
  'identity:bin.division',
  'identity:bin.checksum',
] as const;
export type BinReason = (typeof binReasons)[number];

/** 5th digit. */
export const binEntityTypes = { '4': 'resident', '5': 'non-resident', '6': 'joint-ip' } as const;
export type BinEntityType = (typeof binEntityTypes)[keyof typeof binEntityTypes];

/** 6th digit: head unit, branch, representative office, peasant (farm) enterprise on joint entrepreneurship. */
export const binDivisions = {
  '0': 'head',
  '1': 'branch',
  '2': 'representative-office',
  '3': 'peasant-farm',
} as const;
export type BinDivision = (typeof binDivisions)[keyof typeof binDivisions];

export interface BinInfo {
  bin: string;
  /** `YYYY-MM`. */
  registered: string;
  entityType: BinEntityType;
  division: BinDivision;
  serial: number;
}

export type BinResult = ({ ok: true } & BinInfo) | { ok: false; reason: BinReason };

function fullYear(yy: number): number {
  return yy >= 50 ? 1900 + yy : 2000 + yy;
}

export function validateBin(s: string): BinResult {
  if (!/^\d*$/.test(s)) return { ok: false, reason: 'identity:bin.digits' };
  if (s.length !== 12) return { ok: false, reason: 'identity:bin.length' };
  const month = Number(s.slice(2, 4));
  if (month < 1 || month > 12) return { ok: false, reason: 'identity:bin.registrationMonth' };
  const entityType = binEntityTypes[s[4] as keyof typeof binEntityTypes];
  if (!entityType) return { ok: false, reason: 'identity:bin.entityType' };
  const division = binDivisions[s[5] as keyof typeof binDivisions];
  if (!division) return { ok: false, reason: 'identity:bin.division' };
  if (!hasValidControlDigit(s)) return { ok: false, reason: 'identity:bin.checksum' };
  return {
    ok: true,
    bin: s,
    registered: `${fullYear(Number(s.slice(0, 2)))}-${s.slice(2, 4)}`,
    entityType,
    division,
    serial: Number(s.slice(6, 11)),
  };
}

/** Decodes a valid БИН; throws `AppError` with the validation reason otherwise. */
export function parseBin(s: string): BinInfo {
  const result = validateBin(s);
  if (!result.ok) throw new AppError(result.reason, { value: s });
  const { bin, registered, entityType, division, serial } = result;
  return { bin, registered, entityType, division, serial };
}

export interface GenerateBinInput {
  /** `YYYY-MM`, 1950-01 … 2049-12 (the range the two-digit year can express). */
  registered: string;
  entityType: BinEntityType;
  division: BinDivision;
  /** 0 … 99999, the 7th–11th digits. */
  serial: number;
}

function keyOf<T extends Record<string, string>>(map: T, value: string): string | undefined {
  return Object.keys(map).find((k) => map[k] === value);
}

/** Builds a valid БИН; throws `identity:bin.unissuableSerial` when both weight sets give 10 (try the next serial). */
export function generateBin({ registered, entityType, division, serial }: GenerateBinInput): string {
  const m = /^(\d{4})-(\d{2})$/.exec(registered);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || year < 1950 || year > 2049 || month < 1 || month > 12) {
    throw new AppError('identity:bin.registrationMonth', { value: registered });
  }
  const typeDigit = keyOf(binEntityTypes, entityType);
  if (typeDigit === undefined) throw new AppError('identity:bin.entityType', { value: entityType });
  const divisionDigit = keyOf(binDivisions, division);
  if (divisionDigit === undefined) throw new AppError('identity:bin.division', { value: division });
  if (!Number.isInteger(serial) || serial < 0 || serial > 99999) {
    throw new AppError('identity:bin.serialRange', { value: serial });
  }
  const prefix = `${pad(year % 100, 2)}${pad(month, 2)}${typeDigit}${divisionDigit}${pad(serial, 5)}`;
  const check = controlDigit(prefix);
  if (check === null) throw new AppError('identity:bin.unissuableSerial', { serial, registered });
  return `${prefix}${check}`;
}
