import type { Service } from '@shared/catalogue';
import type { WorkCalendar } from '@shared/calendar';
import type { Language } from '@shared/i18n/resources';
import type { ManifestOverride } from '@shared/manifest/overrides';
import { fromManifestForm } from '@shared/register/manifest-form';
import type { LocalApplication } from '../../outbox/schema';
import { needsCopy, needsOriginal } from './completeness';
import { applicationNumber, acceptanceReceipt } from './receipt-data';
import type { ReceiptPdfInput } from './receipt-pdf';

export interface RemarkWording {
  override: (o: ManifestOverride) => string;
  registerDeferred: () => string;
}

/**
 * The acceptance receipt of a queued application, rebuilt from what was signed (the manifest) and who signed it:
 * the same number, time, documents, due date, operator and remarks as printed at the desk. A presented document
 * is printed with the marks its checklist item calls for (acceptance needed exactly those). Null for rows without
 * a manifest of this desk (drafts, other desks' applications known from the feed).
 */
export function reprintReceipt(
  a: LocalApplication,
  services: readonly Service[],
  calendar: WorkCalendar,
  lang: Language,
  words: RemarkWording,
): ReceiptPdfInput | null {
  const m = a.manifest;
  if (!m || a.origin === 'centre') return null;
  const service = services.find((s) => s.id === m.serviceId);
  const op = service?.subOperations.find((o) => o.id === m.subOperation);
  if (!service || !op) return null;
  const part = fromManifestForm(m.form);
  const applicant = { surname: '', name: '', patronymic: '', orgName: '', address: '', ...part.applicant };
  const presented = op.checklist
    .filter((item) => m.documentsPresented.includes(item.key))
    .map((item) => ({
      item,
      original: needsOriginal(item),
      copy: needsCopy(item),
      attached: m.attachments.some((x) => x.documentKey === item.key),
    }));
  const remarks = [
    ...(m.overrides ?? []).map(words.override),
    ...(part.registerCheck === 'pending' ? [words.registerDeferred()] : []),
  ];
  return {
    kind: 'acceptance',
    data: acceptanceReceipt(
      {
        applicationId: m.applicationId,
        at: new Date(m.acceptedAt),
        centre: m.centreId,
        service,
        op,
        lang,
        applicantKind: m.applicant.kind,
        applicantId: m.applicant.id,
        applicant,
        operator: a.signature?.signerName ?? '—',
        remarks,
      },
      presented,
      calendar,
    ),
  };
}

/** Whether a queue search matches the printed receipt number ("3F2A-9C1B", typed with or without the dash). */
export function matchesReceiptNumber(applicationId: string, needle: string): boolean {
  const typed = needle.replace(/[\s-]/g, '').toUpperCase();
  if (typed.length < 4 || !/^[0-9A-F]+$/.test(typed)) return false;
  return applicationNumber(applicationId).replace('-', '').startsWith(typed);
}
