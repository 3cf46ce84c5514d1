import { actStateOn, type Service } from '@shared/catalogue';
import { formatDate } from '@shared/forms/format';
import type { Language } from '@shared/i18n/resources';

export type ActBanner =
  | { key: 'intake:actStatus.repealed'; params: { date: string; by: string } }
  | { key: 'intake:actStatus.unknown'; params: { note: string } }
  | { key: 'intake:actStatus.notYet'; params: { date: string } };

/**
 * The warning shown before intake when the service's act is not known to be in force on `today` (the desk's
 * local date): repealed, not yet in force, or never checked. null when the act is in force.
 */
export function actBanner(service: Service, today: string, lang: Language): ActBanner | null {
  const state = actStateOn(service, today);
  const status = service.actStatus;
  if (state === 'in-force') return null;
  if (state === 'not-yet-in-force')
    return { key: 'intake:actStatus.notYet', params: { date: formatDate(service.effectiveFrom) } };
  if (status.state === 'repealed')
    return { key: 'intake:actStatus.repealed', params: { date: formatDate(status.on), by: status.by[lang] } };
  return {
    key: 'intake:actStatus.unknown',
    params: { note: status.state === 'unknown' ? status.note[lang] : '' },
  };
}
