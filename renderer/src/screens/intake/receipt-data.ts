import type { Deadline, Service, SubOperation } from '@shared/catalogue';
import { addWorkingDays, calendarTermEnd, type WorkCalendar } from '@shared/calendar';
import type { AcceptanceReceiptInput, RefusalReceiptInput } from '@shared/forms';
import type { Holder } from '@shared/forms';
import type { Language } from '@shared/i18n/resources';
import type { DocumentMark } from './completeness';
import type { ApplicantDetails } from './intake-state';
import type { ApplicantKind } from './validate';

/** The printed application number: the first 8 hex digits of the application UUID, grouped for reading aloud. */
export function applicationNumber(id: string): string {
  const hex = id.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Wall-clock time at the desk, `YYYY-MM-DDTHH:mm`: receipts print the centre's local time, not UTC. */
export function localDateTime(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

type StatedDeadline = Exclude<Deadline, { counts: 'not-stated' }>;

/**
 * The due date: the term counted from the acceptance date (which itself is not counted), per the deadline's
 * unit; a calendar-day term ending on a day off moves to the next working day (Civil Code art. 173).
 */
export function dueDate(acceptedOn: string, deadline: StatedDeadline, calendar: WorkCalendar): string {
  return deadline.unit === 'working-days'
    ? addWorkingDays(acceptedOn, deadline.amount, calendar)
    : calendarTermEnd(acceptedOn, deadline.amount, calendar).date;
}

/** What the receipt may promise, as the catalogue types the term (no date where the desk cannot know it). */
export function receiptDue(acceptedOn: string, deadline: Deadline, calendar: WorkCalendar): AcceptanceReceiptInput['due'] {
  if (deadline.counts === 'not-stated') return { counts: 'not-stated' };
  const unit = deadline.unit === 'working-days' ? 'working' : 'calendar';
  if (deadline.counts === 'from-registration') return { counts: 'from-registration', term: deadline.amount, unit };
  return { counts: deadline.counts, date: dueDate(acceptedOn, deadline, calendar), term: deadline.amount, unit };
}

export function holder(kind: ApplicantKind, id: string, a: ApplicantDetails): Holder {
  if (kind === 'legal-entity') return { type: 'legal', name: a.orgName.trim(), address: a.address.trim(), bin: id };
  const patronymic = a.patronymic.trim();
  return { type: 'individual', surname: a.surname.trim(), name: a.name.trim(), ...(patronymic ? { patronymic } : {}), iin: id };
}

export interface ReceiptContext {
  applicationId: string;
  at: Date;
  centre: string;
  service: Service;
  op: SubOperation;
  lang: Language;
  applicantKind: ApplicantKind;
  applicantId: string;
  applicant: ApplicantDetails;
  operator: string;
  /** Overrides signed into the manifest and checks deferred to arrival, worded for the receipt. */
  remarks?: string[];
}

function header(c: ReceiptContext) {
  return {
    centre: c.centre,
    applicationNumber: applicationNumber(c.applicationId),
    acceptedAt: localDateTime(c.at),
    service: c.service.names[c.lang],
    subOperation: c.op.name[c.lang],
    applicant: holder(c.applicantKind, c.applicantId, c.applicant),
    operator: c.operator.trim(),
    // No public verification service exists yet; the application's UUID is the register reference.
    verificationRef: `urn:uuid:${c.applicationId}`,
  };
}

const receiptDocs = (c: ReceiptContext, docs: DocumentMark[]) =>
  docs.map((d) => ({ name: d.item.name[c.lang], original: d.original, copy: d.copy }));

export function acceptanceReceipt(c: ReceiptContext, presented: DocumentMark[], calendar: WorkCalendar): AcceptanceReceiptInput {
  const acceptedOn = localDateTime(c.at).slice(0, 10);
  return {
    ...header(c),
    documents: receiptDocs(c, presented),
    due: receiptDue(acceptedOn, c.op.deadline, calendar),
    ...(c.remarks?.length ? { remarks: c.remarks } : {}),
  };
}

export function refusalReceipt(
  c: ReceiptContext,
  presented: DocumentMark[],
  missing: string[],
  wording: string,
): RefusalReceiptInput {
  return { ...header(c), documents: receiptDocs(c, presented), missingDocuments: missing, refusalWording: wording };
}
