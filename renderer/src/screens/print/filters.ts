import { kazakhstanDate } from '@shared/decisions/document';
import type { LocalDecision } from '../../decisions/schema';

export interface PrintFilters {
  from: string;
  to: string;
  serviceId: string;
  result: string;
  printed: 'all' | 'yes' | 'no';
}

export const emptyFilters: PrintFilters = { from: '', to: '', serviceId: '', result: '', printed: 'all' };

/** Dates compare as the local (Kazakhstan) date of the decision, the date printed on the paper. */
export function applyFilters(list: LocalDecision[], f: PrintFilters): LocalDecision[] {
  return list.filter((d) => {
    const day = kazakhstanDate(d.decidedAt);
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    if (f.serviceId && d.serviceId !== f.serviceId) return false;
    if (f.result && d.result !== f.result) return false;
    if (f.printed === 'yes' && !d.printed) return false;
    if (f.printed === 'no' && d.printed) return false;
    return true;
  });
}
