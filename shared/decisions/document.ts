import canonicalize from 'canonicalize';
import { AppError } from '../errors';
import type { Service } from '../catalogue/schema';
import { licenceFormSchema } from '../forms/licence';
import { permitFormSchema } from '../forms/permit';
import { queueNotificationSchema } from '../forms/queue-notification';
import { refusalFormSchema } from '../forms/refusal';
import {
  decideRequestSchema,
  decisionDocumentSchema,
  type DecideRequest,
  type DecisionDocument,
  type DecisionFormKind,
  type DecisionResult,
} from './schema';

/** Three-letter code of each result in the decision number (`LIC-2026-00000042`). */
export const resultCodes: Record<DecisionResult, string> = {
  licence: 'LIC',
  duplicate: 'DUP',
  permit: 'PRM',
  order: 'ORD',
  'queue-place': 'QUE',
  referral: 'RFL',
  receipt: 'RCP',
  'motivated-refusal': 'MRF',
};

export function formatDecisionNumber(result: DecisionResult, year: number, sequence: number | bigint | string): string {
  return `${resultCodes[result]}-${year}-${String(sequence).padStart(8, '0')}`;
}

/** The catalogue names a printed form per result; these are the ones shared/forms renders. */
const formOfPrinted: Record<string, DecisionFormKind> = {
  licence: 'licence',
  permit: 'permit',
  'queue-notification': 'queue-notification',
  'motivated-refusal': 'refusal',
};

/** Kazakhstan has kept one time zone, UTC+5, since March 2024; paper dates are local dates. */
export function kazakhstanDate(iso: string): string {
  return new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(0, 10);
}

export function canonicalDecisionJson(document: DecisionDocument): string {
  const text = canonicalize(decisionDocumentSchema.parse(document));
  if (text === undefined) throw new Error('decision is not serialisable');
  return text;
}

export interface DecisionApplication {
  id: string;
  fingerprint: string;
  registrationNumber: string;
  receivedAt: string;
  centreId: string;
  serviceId: string;
  subOperation: string;
  applicant: { kind: 'individual' | 'legal-entity'; id: string };
}

/** The applicant's name and address as registered with the application (the manifest's `applicant.*` fields). */
export interface RegisteredApplicant {
  surname?: string;
  name?: string;
  patronymic?: string;
  orgName?: string;
  address?: string;
}

export interface BuildDecisionInput {
  request: DecideRequest;
  application: DecisionApplication;
  service: Service;
  decisionId: string;
  number: string;
  decidedAt: string;
  licensorId: string;
  verificationRef: string;
  /** Position in the service's queue, for a queue place. */
  queueNumber?: number;
  /** Names from the registered application; they win over what the officer typed. */
  registered?: RegisteredApplicant;
}

const bad = (reason: string) => new AppError('print:decide.invalid', { reason }, reason);

/**
 * Builds the document the licensor signs. Everything printed is decided here and validated against the form's
 * own schema, so a decision that reaches the print centre can always be printed; the ИИН/БИН comes from the
 * application, never from what the officer typed.
 */
export function buildDecisionDocument(input: BuildDecisionInput): DecisionDocument {
  const parsed = decideRequestSchema.safeParse(input.request);
  if (!parsed.success) throw bad(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const r = parsed.data;
  const { application: app, service } = input;
  const subOperation = service.subOperations.find((o) => o.id === app.subOperation);
  if (!subOperation) throw bad(`unknown sub-operation ${app.subOperation}`);
  const resultType = subOperation.results.find((x) => x.kind === r.result);
  if (!resultType) throw bad(`result ${r.result} is not one this service issues (${subOperation.results.map((x) => x.kind).join(', ')})`);

  let refusal: DecisionDocument['refusal'];
  if (r.result === 'motivated-refusal') {
    const reason = service.refusalReasons.find((x) => x.id === r.refusal?.reasonId && x.stage === 'decision');
    if (!reason) throw bad(`a refusal needs one of the decision-stage reasons: ${service.refusalReasons.filter((x) => x.stage === 'decision').map((x) => x.id).join(', ')}`);
    refusal = { reasonId: reason.id, clause: reason.clause, message: reason.message, ...(r.refusal?.details ? { details: r.refusal.details } : {}) };
  }

  const date = kazakhstanDate(input.decidedAt);
  const applicantId = app.applicant.id;
  // One source: the issuing body is the service's provider in the catalogue, whatever name was typed.
  const authority = { name: service.provider.kk, details: r.authority.details, place: r.authority.place };
  const reg = input.registered;
  const registeredHolder = (): NonNullable<DecideRequest['holder']> | null => {
    if (app.applicant.kind === 'legal-entity') return reg?.orgName && reg.address ? { name: reg.orgName, address: reg.address } : null;
    return reg?.surname && reg.name ? { surname: reg.surname, name: reg.name, ...(reg.patronymic ? { patronymic: reg.patronymic } : {}) } : null;
  };
  const holderName = registeredHolder() ?? r.holder;
  const holder = () => {
    const h = holderName;
    if (!h) throw bad('holder is required for this result');
    if ('address' in h) {
      if (app.applicant.kind !== 'legal-entity') throw bad('an individual applicant needs surname and name, not an organisation');
      return { type: 'legal' as const, name: h.name, address: h.address, bin: applicantId };
    }
    return { type: 'individual' as const, ...h, iin: applicantId };
  };
  const kind = resultType.printedForm ? (formOfPrinted[resultType.printedForm] ?? null) : null;
  let data: Record<string, unknown> | null = null;
  const common = { number: input.number, verificationRef: input.verificationRef };
  if (kind === 'licence') {
    if (!r.activityType) throw bad('activityType is required for a licence');
    data = licenceFormSchema.parse({
      ...common,
      issueDate: date,
      holder: holder(),
      activityType: r.activityType,
      ...(r.specialConditions ? { specialConditions: r.specialConditions } : {}),
      licensor: authority.name,
      head: r.officer.name,
      placeOfIssue: authority.place,
    });
  } else if (kind === 'permit') {
    data = permitFormSchema.parse({
      ...common,
      issueDate: date,
      holder: holder(),
      permitType: r.permitType ?? service.names.kk,
      particulars: r.particulars ?? [],
      ...(r.validity ? { validity: r.validity } : {}),
      issuer: authority.name,
      head: r.officer.name,
      city: authority.place,
    });
  } else if (kind === 'queue-notification') {
    if (!r.queue || !input.queueNumber) throw bad('queue details are required for a queue place');
    data = queueNotificationSchema.parse({
      ...common,
      authority: authority.name,
      registeredAt: date,
      queueNumber: input.queueNumber,
      child: r.queue.child,
      applicant: { ...r.queue.applicant, iin: applicantId },
      preferences: r.queue.preferences,
      signer: r.officer,
    });
  } else if (kind === 'refusal' && refusal) {
    const h = holderName;
    const applicantName = !h ? applicantId : 'address' in h ? h.name : [h.surname, h.name, h.patronymic].filter(Boolean).join(' ');
    data = refusalFormSchema.parse({
      ...common,
      authority: { name: authority.name, details: authority.details },
      date,
      applicantName,
      application: { date: kazakhstanDate(app.receivedAt), number: app.registrationNumber },
      reason: refusalText(refusal, 'kk'),
      signer: r.officer,
    });
  }

  return decisionDocumentSchema.parse({
    schema: 'qabyldau.decision/1',
    decisionId: input.decisionId,
    number: input.number,
    result: r.result,
    application: app,
    decidedAt: input.decidedAt,
    decidedBy: { licensorId: input.licensorId, officer: r.officer },
    authority,
    ...(refusal ? { refusal } : {}),
    form: kind && data ? { kind, data } : null,
    verificationRef: input.verificationRef,
  });
}

/** The catalogue's reason (the seed's wording, often a lower-case clause) as a sentence, then the officer's details. */
function refusalText(refusal: NonNullable<DecisionDocument['refusal']>, lang: 'kk' | 'ru'): string {
  const message = refusal.message[lang].trim();
  const sentence = `${message.charAt(0).toLocaleUpperCase(lang)}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;
  return refusal.details ? `${sentence} ${refusal.details}` : sentence;
}

/** The form to print in the chosen language: only the refusal reason has both languages in the document. */
export function printableForm(document: DecisionDocument, lang: 'kk' | 'ru'): { kind: DecisionFormKind; data: Record<string, unknown> } | null {
  if (!document.form) return null;
  if (document.form.kind === 'refusal' && document.refusal) return { kind: 'refusal', data: { ...document.form.data, reason: refusalText(document.refusal, lang) } };
  return document.form;
}
