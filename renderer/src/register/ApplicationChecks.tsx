import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useWorkstation } from '../context';
import { useErrorText } from '../use-error-text';
import { checkError } from './checks-puller';
import { i18nKey } from '@shared/i18n/keys';

/** The server's register and payment checks of one application, each with the regulation's message. */
export function ApplicationChecks({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const { db } = useWorkstation();
  const errorText = useErrorText();
  const checks = useLiveQuery(() => db.checks.where('applicationId').equals(applicationId).toArray(), [db, applicationId]) ?? [];
  if (!checks.length) return null;
  return (
    <section className="register-checks" aria-label={t('register:check.title')} data-testid="application-checks">
      <h3>{t('register:check.title')}</h3>
      <ul>
        {checks.map((c) => (
          <li key={c.kind} data-kind={c.kind} data-status={c.status} className={c.status === 'failed' ? 'error' : c.status === 'passed' ? 'ok' : 'help'}>
            <strong>{t(i18nKey(`register:check.kind.${c.kind}`))}</strong> — {t(i18nKey(`register:check.status.${c.status}`))}
            {c.status !== 'pending' && c.code && <div>{errorText(checkError(c))}</div>}
            {c.status === 'failed' && typeof c.params.fields === 'string' && (
              <div className="small">{t('register:check.mismatchFields', { fields: c.params.fields.split(',').map((f) => t(`register:field.${f}`)).join(', ') })}</div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
