import { useMemo, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '@shared/catalogue';
import { searchServices } from '@shared/catalogue/search';
import type { Language } from '@shared/i18n/resources';

interface Props {
  services: readonly Service[];
  query: string;
  serviceId: string;
  onQuery: (q: string) => void;
  onChoose: (id: string) => void;
  /** Where focus goes once a service is chosen with Enter. */
  next: RefObject<HTMLElement | null>;
  searchRef: RefObject<HTMLInputElement | null>;
  problem: string | null;
}

/**
 * Search box + a native listbox (`<select size>`): type, ↓ into the list, arrows to pick, Enter to go on. A native
 * listbox gives screen readers and keyboards the right behaviour for free.
 */
export function ServicePicker({ services, query, serviceId, onQuery, onChoose, next, searchRef, problem }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const results = useMemo(() => searchServices(query, lang, services), [query, lang, services]);
  const chosen = services.find((s) => s.id === serviceId);
  // The chosen service stays in the list even when the query no longer matches it, so the selection is visible.
  const shown = chosen && !results.includes(chosen) ? [chosen, ...results] : results;
  const listRef = useRef<HTMLSelectElement>(null);

  const goNext = () => setTimeout(() => next.current?.focus(), 0);

  return (
    <fieldset className="intake-section">
      <legend>{t('intake:section.service')}</legend>
      <div className="field">
        <label htmlFor="intake-search">{t('intake:search')}</label>
        <input
          id="intake-search"
          ref={searchRef}
          type="search"
          autoComplete="off"
          autoFocus
          value={query}
          aria-controls="intake-service"
          aria-describedby="intake-search-count"
          onChange={(e) => onQuery(e.target.value)}
          // Coming back to the box selects what is there: the next words replace the old search, never add to it.
          onFocus={(e) => e.currentTarget.select()}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && shown.length > 0) {
              e.preventDefault();
              if (!serviceId) onChoose(shown[0]!.id);
              listRef.current?.focus();
            } else if (e.key === 'Enter') {
              e.preventDefault();
              const pick = results[0];
              if (pick) {
                onChoose(pick.id);
                goNext();
              }
            }
          }}
        />
        <small id="intake-search-count" className="help" aria-live="polite">
          {t('intake:searchCount', { count: results.length })}
        </small>
      </div>
      <div className="field">
        <label htmlFor="intake-service">{t('intake:service')}</label>
        <select
          id="intake-service"
          ref={listRef}
          className="service-list"
          size={Math.max(2, Math.min(7, shown.length))}
          value={serviceId}
          aria-invalid={!!problem}
          aria-describedby={problem ? 'intake-service-error' : undefined}
          onChange={(e) => onChoose(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && serviceId) {
              e.preventDefault();
              goNext();
            }
          }}
        >
          {shown.map((s) => (
            <option key={s.id} value={s.id} title={s.names[lang]}>
              {s.names[lang]}
            </option>
          ))}
        </select>
        {problem && (
          <small id="intake-service-error" className="error" role="alert">
            {problem}
          </small>
        )}
      </div>
    </fieldset>
  );
}
