import { useTranslation } from 'react-i18next';
import { applicantFieldKeys } from '@shared/register/manifest-form';
import type { Language } from '@shared/i18n/resources';
import { ageOf } from './cache';
import { provenanceOf, registerCheckState } from './provenance';
import { useApplicantLookup, type ApplicantLookupInput } from './use-applicant-lookup';
import { i18nKey } from '@shared/i18n/keys';

/**
 * The register line under the applicant number: what the register said and when, which fields the operator
 * changed, a confirm button, and the "register check pending" mark when the answer could not be had now.
 */
export function ApplicantLookup(props: ApplicantLookupInput) {
  const { t, i18n } = useTranslation();
  const lookup = useApplicantLookup(props);
  if (!props.kind) return null;
  const { result } = lookup;
  const answer = result && 'answer' in result ? result.answer : null;
  const provenance = provenanceOf(props.details, answer);
  const edited = applicantFieldKeys.filter((k) => answer && provenance[k] === 'typed').map((k) => t(i18nKey(`register:field.${k}`)));
  const confirmed = !!lookup.desk?.confirmed && lookup.desk.applicantId === props.applicantId;
  const state = lookup.loading ? 'loading' : registerCheckState(result, confirmed);
  const source = t(props.kind === 'individual' ? 'register:lookup.sourceIndividuals' : 'register:lookup.sourceLegalEntities');
  const when = (iso: string) => {
    const age = ageOf(iso, new Date());
    return {
      time: new Date(iso).toLocaleString((i18n.language as Language) === 'kk' ? 'kk-KZ' : 'ru-RU'),
      age: age.unit === 'justNow' ? t('register:age.justNow') : t(i18nKey(`register:age.${age.unit}`), { count: age.count }),
    };
  };

  let line: string;
  if (lookup.loading) line = t('register:lookup.loading');
  else if (result?.state === 'found') line = t('register:lookup.found', { source, ...when(result.answer.retrievedAt) });
  else if (result?.state === 'cached') line = t('register:lookup.foundCached', when(result.answer.retrievedAt));
  else if (result?.state === 'not-found') line = t('register:check.noData', { id: props.applicantId });
  else line = t('register:lookup.unavailable');

  return (
    <div className="register-lookup" data-testid="register-lookup" data-state={state} data-result={result?.state ?? 'none'}>
      <p className={result?.state === 'not-found' ? 'error' : 'help'} role="status" aria-live="polite" data-testid="register-status">
        {line}
      </p>
      {state === 'pending' && !lookup.loading && (
        <p className="badge warn" data-testid="register-pending">
          {t('register:lookup.pendingBadge')}
        </p>
      )}
      {answer && edited.length > 0 && <p className="help">{t('register:lookup.edited', { fields: edited.join(', ') })}</p>}
      {answer && (
        <ul className="register-provenance" data-testid="register-provenance">
          {applicantFieldKeys
            .filter((k) => provenance[k])
            .map((k) => (
              <li key={k} data-field={k} data-provenance={provenance[k]}>
                {t(i18nKey(`register:field.${k}`))}: {t(provenance[k] === 'register' ? 'register:lookup.fromRegister' : 'register:lookup.typed')}
              </li>
            ))}
        </ul>
      )}
      {result?.state === 'found' && (
        <div className="actions">
          {confirmed ? (
            <span className="ok" data-testid="register-confirmed">
              {t('register:lookup.confirmed')}
            </span>
          ) : (
            <button type="button" data-testid="register-confirm" onClick={() => void lookup.confirm()}>
              {t('register:lookup.confirm')}
            </button>
          )}
          {edited.length > 0 && (
            <button type="button" className="link" onClick={() => lookup.refill()}>
              {t('register:lookup.refill')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
