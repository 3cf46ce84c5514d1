import type { useTranslation } from 'react-i18next';
import type { Deadline } from '@shared/catalogue';

type T = ReturnType<typeof useTranslation>['t'];

/** A term as the intake and the receipt show it: what is counted, how many days, in which unit. */
export type TermShape =
  | { counts: 'not-stated' }
  | {
      counts: 'from-acceptance' | 'receipt-term' | 'from-registration';
      term: number;
      unit: 'working' | 'calendar';
    };

export function termOfDeadline(d: Deadline): TermShape {
  if (d.counts === 'not-stated') return { counts: 'not-stated' };
  return { counts: d.counts, term: d.amount, unit: d.unit === 'working-days' ? 'working' : 'calendar' };
}

/** The term in words, saying what it counts: no number where the regulation states none. */
export function termText(t: T, d: TermShape): string {
  if (d.counts === 'not-stated') return t('intake:deadline.notStated');
  const term =
    d.unit === 'working'
      ? t('intake:deadline.working-days', { count: d.term })
      : t('intake:deadline.calendar-days', { count: d.term });
  if (d.counts === 'receipt-term') return t('intake:deadline.receiptTerm', { term });
  if (d.counts === 'from-registration') return t('intake:deadline.fromRegistration', { term });
  return term;
}
