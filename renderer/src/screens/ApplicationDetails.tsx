import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useWorkstation } from '../context';
import type { LocalApplication } from '../outbox/schema';
import { openAttachmentMeta } from '../privacy/records';
import { useErrorText } from '../use-error-text';

/** One application's trail: every state change with its time and reason, its documents, and what can be done. */
export function ApplicationDetails({ application }: { application: LocalApplication }) {
  const { t, i18n } = useTranslation();
  const { db, outbox, sync } = useWorkstation();
  const errorText = useErrorText();
  const history = useLiveQuery(() => outbox.history(application.id), [application.id, application.updatedAt]);
  const attachments = useLiveQuery(
    () => db.attachments.where('applicationId').equals(application.id).toArray().then((rows) => Promise.all(rows.map((r) => openAttachmentMeta(db.vault, r)))),
    [application.id],
  );
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'kk' ? 'kk-KZ' : 'ru-RU');

  return (
    <div className="details-panel" data-testid="application-details">
      <p className="mono small">
        {t('outbox:details.id')}: {application.id}
        {application.fingerprint && (
          <>
            {' · '}
            {t('outbox:details.fingerprint')}: {application.fingerprint.slice(0, 16)}…
          </>
        )}
      </p>
      {application.status === 'needs-attention' && (
        <div className="attention" role="alert">
          <p>{application.lastError ? errorText(application.lastError) : t('outbox:details.attention')}</p>
          <button
            type="button"
            onClick={async () => {
              await outbox.transition(application.id, 'ready', 'operator-retry', { nextAttemptAt: new Date().toISOString(), lastError: undefined });
              sync.kick();
            }}
          >
            {t('outbox:details.retry')}
          </button>
        </div>
      )}
      {attachments && attachments.length > 0 && (
        <>
          <h3>{t('outbox:details.documents')}</h3>
          <ul className="plain">
            {attachments.map((a) => (
              <li key={a.id}>
                {a.fileName} — {Math.round(a.size / 1024)} KB
                {a.upload && ` · ${t(a.upload.done ? 'outbox:details.uploaded' : 'outbox:details.uploadedPart', { percent: Math.floor((a.upload.offset / Math.max(a.size, 1)) * 100) })}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('outbox:details.history')}</h3>
      <ol className="history" data-testid="history">
        {history?.map((h) => (
          <li key={h.id}>
            <span className="muted">{time(h.at)}</span> — {h.from ? `${t(`outbox:status.${h.from}`)} → ` : ''}
            {t(`outbox:status.${h.to}`)} <span className="muted">({h.reason})</span>
            {h.error && <span className="error"> {errorText(h.error)}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
