import { z } from 'zod';

/**
 * What the register and payment steps add to a manifest's `form` (flat scalar keys, so the signed manifest shape
 * is unchanged). The server reads them on arrival: `registerCheck` says what the desk knew, the `applicant.*`
 * values are what the operator accepted, and `provenance.*` which of them came from the register. The server
 * checks every application that carries these keys, whatever the desk knew: a cached answer never skips it.
 */
export const registerCheckStates = ['confirmed', 'pending', 'not-found'] as const;
export type RegisterCheckState = (typeof registerCheckStates)[number];
export const paymentCheckStates = ['confirmed', 'pending', 'missing'] as const;
export type PaymentCheckState = (typeof paymentCheckStates)[number];

export const applicantFieldKeys = ['surname', 'name', 'patronymic', 'orgName', 'address'] as const;
export type ApplicantFieldKey = (typeof applicantFieldKeys)[number];
export type Provenance = 'register' | 'typed';

export const formKeys = {
  registerCheck: 'registerCheck',
  applicant: (k: ApplicantFieldKey) => `applicant.${k}`,
  provenance: (k: ApplicantFieldKey) => `provenance.${k}`,
  registerAnswerAt: 'registerAnsweredAt',
  paymentCheck: 'paymentCheck',
  payment: { documentNumber: 'payment.documentNumber', paidOn: 'payment.paidOn', amountTenge: 'payment.amountTenge', payerId: 'payment.payerId' },
} as const;

type FormValue = string | number | boolean | null;
type Form = Record<string, FormValue>;

export interface RegisterFormPart {
  registerCheck?: RegisterCheckState;
  applicant: Partial<Record<ApplicantFieldKey, string>>;
  provenance: Partial<Record<ApplicantFieldKey, Provenance>>;
  registerAnsweredAt?: string;
  paymentCheck?: PaymentCheckState;
  payment?: { documentNumber: string; paidOn: string; amountTenge: number; payerId: string };
}

const str = (v: FormValue | undefined) => (typeof v === 'string' ? v : undefined);

export function toManifestForm(part: RegisterFormPart): Form {
  const form: Form = {};
  if (part.registerCheck) form[formKeys.registerCheck] = part.registerCheck;
  for (const k of applicantFieldKeys) {
    const value = part.applicant[k]?.trim();
    if (value) form[formKeys.applicant(k)] = value;
    const p = part.provenance[k];
    if (value && p) form[formKeys.provenance(k)] = p;
  }
  if (part.registerAnsweredAt) form[formKeys.registerAnswerAt] = part.registerAnsweredAt;
  if (part.paymentCheck) form[formKeys.paymentCheck] = part.paymentCheck;
  if (part.payment) {
    form[formKeys.payment.documentNumber] = part.payment.documentNumber;
    form[formKeys.payment.paidOn] = part.payment.paidOn;
    form[formKeys.payment.amountTenge] = part.payment.amountTenge;
    form[formKeys.payment.payerId] = part.payment.payerId;
  }
  return form;
}

const registerCheckSchema = z.enum(registerCheckStates);
const paymentCheckSchema = z.enum(paymentCheckStates);

/** Reads the part back from a manifest form; unknown or missing keys mean "the desk asked for no check". */
export function fromManifestForm(form: Form): RegisterFormPart {
  const applicant: RegisterFormPart['applicant'] = {};
  const provenance: RegisterFormPart['provenance'] = {};
  for (const k of applicantFieldKeys) {
    const v = str(form[formKeys.applicant(k)]);
    if (v) applicant[k] = v;
    const p = form[formKeys.provenance(k)];
    if (p === 'register' || p === 'typed') provenance[k] = p;
  }
  const rc = registerCheckSchema.safeParse(form[formKeys.registerCheck]);
  const pc = paymentCheckSchema.safeParse(form[formKeys.paymentCheck]);
  const documentNumber = str(form[formKeys.payment.documentNumber]);
  const paidOn = str(form[formKeys.payment.paidOn]);
  const amount = form[formKeys.payment.amountTenge];
  const payerId = str(form[formKeys.payment.payerId]);
  return {
    ...(rc.success ? { registerCheck: rc.data } : {}),
    applicant,
    provenance,
    ...(str(form[formKeys.registerAnswerAt]) ? { registerAnsweredAt: str(form[formKeys.registerAnswerAt])! } : {}),
    ...(pc.success ? { paymentCheck: pc.data } : {}),
    ...(documentNumber && paidOn && typeof amount === 'number' && payerId ? { payment: { documentNumber, paidOn, amountTenge: amount, payerId } } : {}),
  };
}
