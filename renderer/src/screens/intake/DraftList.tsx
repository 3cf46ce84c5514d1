import { useTranslation } from 'react-i18next';
import type { Service } from '@shared/catalogue';
import type { Language } from '@shared/i18n/resources';
import type { LocalApplication } from '../../outbox/schema';
import { parseDraft } from './intake-state';

interface Props {
  drafts: LocalApplication[];
  services: readonly Service[];
  onResume: (draft: LocalApplication) => void;
  onDiscard: (draft: LocalApplication) => void;
}

/** Other unfinished intakes on this desk, newest first: resume one or throw it away. */
export function DraftList({ drafts, services, onResume, onDiscard }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (drafts.length === 0) return null;
  return (
    <details className="drafts" data-testid="drafts">
      <summary>{t('intake:drafts.title', { count: drafts.length })}</summary>
      <ul>
        {drafts.map((d) => {
          const state = parseDraft(d.draft);
          const service = services.find((s) => s.id === d.serviceId);
          const when = new Date(d.updatedAt).toLocaleString(lang === 'kk' ? 'kk-KZ' : 'ru-RU');
          const label = `${service?.names[lang] ?? t('intake:drafts.noService')} · ${state?.applicantId || '—'} · ${when}`;
          return (
            <li key={d.id} data-testid="draft-item">
              <span className="draft-label">{label}</span>
              <button type="button" onClick={() => onResume(d)} aria-label={t('intake:drafts.resumeOne', { label })}>
                {t('intake:drafts.resume')}
              </button>
              <button type="button" className="link danger" onClick={() => onDiscard(d)} aria-label={t('intake:drafts.discardOne', { label })}>
                {t('intake:drafts.discard')}
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
