import type { ChecklistItem, Service, SubOperation } from '@shared/catalogue';
import type { Language } from '@shared/i18n/resources';
import type { Marks } from './intake-state';

export interface DocumentMark {
  item: ChecklistItem;
  original: boolean;
  copy: boolean;
}

export interface Completeness {
  complete: boolean;
  /** Items the operator marked at all (what the applicant brought), in checklist order. */
  presented: DocumentMark[];
  /** Required items whose expected original and/or copy is not there. */
  missing: DocumentMark[];
}

export const needsOriginal = (item: ChecklistItem) => item.expect !== 'copy';
export const needsCopy = (item: ChecklistItem) => item.expect !== 'original';

/** An item is satisfied when every mark its `expect` calls for is set (original seen and/or copy taken). */
export function isSatisfied(item: ChecklistItem, mark: { original: boolean; copy: boolean } | undefined): boolean {
  return (!needsOriginal(item) || !!mark?.original) && (!needsCopy(item) || !!mark?.copy);
}

export function checkCompleteness(op: SubOperation, marks: Marks): Completeness {
  const all = op.checklist.map((item) => ({ item, original: !!marks[item.key]?.original, copy: !!marks[item.key]?.copy }));
  const presented = all.filter((d) => d.original || d.copy);
  const missing = all.filter((d) => d.item.required && !isSatisfied(d.item, d));
  return { complete: missing.length === 0, presented, missing };
}

/**
 * The wording printed on a refusal-to-accept receipt: the catalogue's own refusal reason for the intake stage
 * when the regulation has one (verbatim), otherwise null and the screen uses our generic sentence ([INF]: no seed
 * words a refusal to accept an incomplete package).
 */
export function intakeRefusalWording(service: Service, lang: Language): string | null {
  const reason = service.refusalReasons.find((r) => r.stage === 'intake');
  return reason ? reason.message[lang] : null;
}
