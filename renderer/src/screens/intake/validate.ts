import type { FormField, Service, SubOperation } from '@shared/catalogue';
import { identifyApplicantId, normalizeIdInput, validateBin, validateIin } from '@shared/identity';
import type { IntakeState } from './intake-state';

/** A message as an i18n key and its parameters; the screen translates it in the operator's language. */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export type ApplicantKind = 'individual' | 'legal-entity';

// Ours, not the catalogue's: the catalogue gives a pattern only where the regulation implies a format.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!isoDatePattern.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The fields of a sub-operation that apply to this applicant kind (a field may be for legal entities only). */
export function visibleFields(op: SubOperation | undefined, kind: ApplicantKind | null): FormField[] {
  if (!op) return [];
  return op.fields.filter((f) => !f.applicantKinds || !kind || f.applicantKinds.includes(kind));
}

export function validateField(field: FormField, value: string | boolean | undefined): Problem | null {
  if (field.type === 'checkbox') return field.required && value !== true ? { key: 'intake:validation.mustCheck' } : null;
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return field.required ? { key: 'intake:validation.required' } : null;
  const v = field.validation ?? {};
  if (v.minLength !== undefined && text.length < v.minLength) return { key: 'intake:validation.minLength', params: { min: v.minLength } };
  if (v.maxLength !== undefined && text.length > v.maxLength) return { key: 'intake:validation.maxLength', params: { max: v.maxLength } };
  switch (field.type) {
    case 'iin': {
      const r = validateIin(normalizeIdInput(text));
      if (!r.ok) return { key: r.reason };
      break;
    }
    case 'bin': {
      const r = validateBin(normalizeIdInput(text));
      if (!r.ok) return { key: r.reason };
      break;
    }
    case 'date':
      if (!isRealDate(text)) return { key: 'intake:validation.date' };
      break;
    case 'number': {
      const n = Number(text.replace(',', '.'));
      if (!Number.isFinite(n)) return { key: 'intake:validation.number' };
      if (v.min !== undefined && n < v.min) return { key: 'intake:validation.min', params: { min: v.min } };
      if (v.max !== undefined && n > v.max) return { key: 'intake:validation.max', params: { max: v.max } };
      break;
    }
    case 'email':
      if (!emailPattern.test(text)) return { key: 'intake:validation.email' };
      break;
    case 'select':
      if (!field.options?.some((o) => o.value === text)) return { key: 'intake:validation.option' };
      break;
    default:
      break;
  }
  if (v.pattern !== undefined && !new RegExp(v.pattern, 'u').test(text))
    return { key: field.type === 'phone' ? 'intake:validation.phone' : 'intake:validation.pattern' };
  return null;
}

export interface ApplicantCheck {
  normalized: string;
  kind: ApplicantKind | null;
  problem: Problem | null;
  /** The number is valid but the service is not provided to this kind of applicant. */
  kindAllowed: boolean;
}

export function checkApplicantId(raw: string, service: Service | undefined): ApplicantCheck {
  const normalized = normalizeIdInput(raw);
  const id = identifyApplicantId(normalized);
  const kind: ApplicantKind | null = id.kind === 'bin' ? 'legal-entity' : id.kind === 'iin' ? 'individual' : null;
  if (!id.result.ok) return { normalized, kind, problem: { key: id.result.reason }, kindAllowed: true };
  const kindAllowed = !service || (kind !== null && service.applicantKinds.includes(kind));
  return { normalized, kind, problem: kindAllowed ? null : { key: 'intake:kindNotAllowed' }, kindAllowed };
}

/** Every problem on the screen by a stable id (the DOM id of the control), in screen order. */
export function validateIntake(state: IntakeState, service: Service | undefined, operator: string): Map<string, Problem> {
  const problems = new Map<string, Problem>();
  if (!service) {
    problems.set('intake-service', { key: 'intake:validation.chooseService' });
    return problems;
  }
  const op = service.subOperations.find((o) => o.id === state.subOperation);
  if (!op) problems.set('intake-suboperation', { key: 'intake:validation.required' });
  const applicant = checkApplicantId(state.applicantId, service);
  if (applicant.problem) problems.set('intake-applicant-id', applicant.problem);
  const required = (id: string, value: string) => {
    if (value.trim() === '') problems.set(id, { key: 'intake:validation.required' });
  };
  if (applicant.kind === 'legal-entity') {
    required('intake-applicant-orgName', state.applicant.orgName);
    required('intake-applicant-address', state.applicant.address);
  } else {
    required('intake-applicant-surname', state.applicant.surname);
    required('intake-applicant-name', state.applicant.name);
  }
  for (const field of visibleFields(op, applicant.kind)) {
    const problem = validateField(field, state.form[field.key]);
    if (problem) problems.set(`intake-field-${field.key}`, problem);
  }
  // Receipts name the operator who took the documents: nobody signs in, nobody accepts.
  if (operator.trim() === '') problems.set('intake-operator', { key: 'signing:ui.noOperator' });
  return problems;
}

/** Form values as the manifest carries them: numbers as numbers, empty optional fields left out. */
export function formValues(fields: FormField[], form: IntakeState['form']): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const f of fields) {
    const v = form[f.key];
    if (f.type === 'checkbox') {
      out[f.key] = v === true;
      continue;
    }
    const text = typeof v === 'string' ? v.trim() : '';
    if (text === '') continue;
    if (f.type === 'number') out[f.key] = Number(text.replace(',', '.'));
    else if (f.type === 'iin' || f.type === 'bin') out[f.key] = normalizeIdInput(text);
    else out[f.key] = text;
  }
  return out;
}
