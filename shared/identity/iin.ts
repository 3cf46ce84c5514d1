import { AppError } from '../errors';
import { controlDigit, hasValidControlDigit } from './checkDigit';
import { isRealDate, pad } from './isoDate';

/**
 * ИИН (ЖСН): YYMMDD birth date, one century+sex digit, a 4-digit serial, the control digit.
 *
 * Seventh digit [EXT, Government decree No 406 of 22.05.2007 and every public validator]:
 * 1/2 = born in the 1800s, 3/4 = 1900s, 5/6 = 2000s; odd = male, even = female.
 * 0 is reported for numbers issued to foreigners or persons whose birth data was unknown [EXT, unconfirmed]:
 * such a number tells neither birth date nor sex. We reject it by default (reason `identity:iin.centuryDigit`),
 * as the reference validators do, because intake must decode the applicant's birth date; callers that only need
 * "is this a well-formed issued number" (register look-ups) pass `{ allowUnknownCentury: true }` and get null
 * birth date, sex and century when the control digit is right. 7, 8, 9 are never valid.
 *
 * Checks run in this order and the first failure is the reason: digits, length, century digit, birth date,
 * control digit. Whitespace anywhere is a `digits` failure: the validator is strict, input fields normalise
 * with `normalizeIdInput` before calling it.
 */
export const iinReasons = [
  'identity:iin.digits',
  'identity:iin.length',
  'identity:iin.centuryDigit',
  'identity:iin.birthDate',
  'identity:iin.checksum',
] as const;
export type IinReason = (typeof iinReasons)[number];

export type Sex = 'male' | 'female';
export type Century = 1800 | 1900 | 2000;

export interface IinInfo {
  iin: string;
  /** ISO `YYYY-MM-DD`. */
  birthDate: string;
  sex: Sex;
  century: Century;
}

/** An issued number whose seventh digit is 0: birth date and sex are not encoded. */
export interface IinUnknownInfo {
  iin: string;
  birthDate: null;
  sex: null;
  century: null;
}

export type IinResult = ({ ok: true } & IinInfo) | { ok: false; reason: IinReason };
export type IinLenientResult = ({ ok: true } & (IinInfo | IinUnknownInfo)) | { ok: false; reason: IinReason };

export interface IinOptions {
  allowUnknownCentury?: boolean;
}

const centuryBySeventhDigit: Record<string, Century> = {
  '1': 1800,
  '2': 1800,
  '3': 1900,
  '4': 1900,
  '5': 2000,
  '6': 2000,
};

export function validateIin(s: string): IinResult;
export function validateIin(s: string, options: IinOptions): IinLenientResult;
export function validateIin(s: string, options: IinOptions = {}): IinLenientResult {
  if (!/^\d*$/.test(s)) return { ok: false, reason: 'identity:iin.digits' };
  if (s.length !== 12) return { ok: false, reason: 'identity:iin.length' };
  const seventh = s[6] as string;
  if (seventh === '0' && options.allowUnknownCentury) {
    if (!hasValidControlDigit(s)) return { ok: false, reason: 'identity:iin.checksum' };
    return { ok: true, iin: s, birthDate: null, sex: null, century: null };
  }
  const century = centuryBySeventhDigit[seventh];
  if (century === undefined) return { ok: false, reason: 'identity:iin.centuryDigit' };
  const year = century + Number(s.slice(0, 2));
  const month = Number(s.slice(2, 4));
  const day = Number(s.slice(4, 6));
  if (!isRealDate(year, month, day)) return { ok: false, reason: 'identity:iin.birthDate' };
  if (!hasValidControlDigit(s)) return { ok: false, reason: 'identity:iin.checksum' };
  return {
    ok: true,
    iin: s,
    birthDate: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
    sex: Number(seventh) % 2 === 1 ? 'male' : 'female',
    century,
  };
}

/** Decodes a valid ИИН; throws `AppError` with the validation reason otherwise. */
export function parseIin(s: string): IinInfo {
  const result = validateIin(s);
  if (!result.ok) throw new AppError(result.reason, { value: s });
  const { iin, birthDate, sex, century } = result;
  return { iin, birthDate, sex, century };
}

export interface GenerateIinInput {
  /** ISO `YYYY-MM-DD`, 1800-01-01 … 2099-12-31. */
  birthDate: string;
  sex: Sex;
  /** 0 … 9999, the 8th–11th digits. */
  serial: number;
}

/**
 * Builds a valid ИИН for tests, seeds and the test PKI. Throws `identity:iin.unissuableSerial` when both weight
 * sets give 10 for this prefix (about 1 serial in 121): try the next serial.
 */
export function generateIin({ birthDate, sex, serial }: GenerateIinInput): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || year < 1800 || year > 2099 || !isRealDate(year, month, day)) {
    throw new AppError('identity:iin.birthDate', { value: birthDate });
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 9999) {
    throw new AppError('identity:iin.serialRange', { value: serial });
  }
  const centuryIndex = Math.floor(year / 100) - 18; // 0, 1, 2
  const seventh = centuryIndex * 2 + (sex === 'male' ? 1 : 2);
  const prefix = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}${seventh}${pad(serial, 4)}`;
  const check = controlDigit(prefix);
  if (check === null) throw new AppError('identity:iin.unissuableSerial', { serial, birthDate });
  return `${prefix}${check}`;
}
