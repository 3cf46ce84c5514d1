import { validateBin, type BinResult } from './bin';
import { validateIin, type IinResult } from './iin';

export type ApplicantIdReason =
  'identity:applicantId.digits' | 'identity:applicantId.length' | 'identity:applicantId.kind';

export type ApplicantIdResult =
  | { kind: 'iin'; result: IinResult }
  | { kind: 'bin'; result: BinResult }
  | { kind: 'unknown'; result: { ok: false; reason: ApplicantIdReason } };

/**
 * Tells ИИН from БИН by the 5th digit, which never overlaps: in an ИИН it is the tens of the birth day (0–3),
 * in a БИН the entity type (4–6). The kind is reported even when the number then fails its own validation,
 * so the form can show the ИИН or БИН message the operator needs.
 */
export function identifyApplicantId(s: string): ApplicantIdResult {
  if (!/^\d*$/.test(s))
    return { kind: 'unknown', result: { ok: false, reason: 'identity:applicantId.digits' } };
  if (s.length !== 12)
    return { kind: 'unknown', result: { ok: false, reason: 'identity:applicantId.length' } };
  const fifth = Number(s[4]);
  if (fifth <= 3) return { kind: 'iin', result: validateIin(s) };
  if (fifth <= 6) return { kind: 'bin', result: validateBin(s) };
  return { kind: 'unknown', result: { ok: false, reason: 'identity:applicantId.kind' } };
}

/**
 * What a typed or pasted number becomes before validation: spaces (including no-break and thin spaces) and
 * hyphens are dropped, because people group the digits when they dictate or print them. Nothing else is
 * changed, so letters still fail as `digits`.
 */
export function normalizeIdInput(s: string): string {
  return s.replace(/[\s\u00a0\u2007\u202f\u2010-\u2015-]/g, '');
}
