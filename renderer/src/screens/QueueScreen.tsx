import { Fragment, useMemo, useState } from 'react';
import type { LocalApplication } from '../outbox/schema';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { catalogue } from '@shared/catalogue';
import type { Language } from '@shared/i18n/resources';
import { useWorkstation } from '../context';
import { useErrorText } from '../use-error-text';
import { ApplicationDetails } from './ApplicationDetails';
import { QueueSummary } from '../components/QueueSummary';
import { uploadProgress } from '../outbox/progress';
import { useActiveCatalogue } from '../catalogue/use-active-catalogue';
import { i18nKey } from '@shared/i18n/keys';
import { applicationNumber } from './intake/receipt-data';
import { matchesReceiptNumber, reprintReceipt } from './intake/receipt-reprint';
import { ReceiptView } from './intake/ReceiptView';
import { openApplications } from '../privacy/records';

export function QueueScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { db, sync } = useWorkstation();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  // An exact ИИН/БИН finds every stored application of that applicant, however old, through its blind index (the
  // number itself is stored only sealed); the newest 200 are opened for the list and the substring search.
  const exactParty = /^\d{12}$/.test(query.trim()) ? query.trim() : null;
  const applications = useLiveQuery(async () => {
    const latest = await db.applications.orderBy('updatedAt').reverse().limit(200).toArray();
    const index = exactParty ? await Promise.resolve(db.vault.blindIndex('party', exactParty)) : null;
    const byParty = index ? await db.applications.where('partyIndex').equals(index).toArray() : [];
    const seen = new Set(latest.map((a) => a.id));
    return openApplications(db.vault, [...latest, ...byParty.filter((a) => !seen.has(a.id))]);
  }, [db, exactParty]);
  // Totals of the rows being uploaded, from the maintained counters (never the attachments and their blobs).
  const uploadingIds = (applications ?? []).filter((a) => a.status === 'uploading').map((a) => a.id);
  const totals = useLiveQuery(() => db.transfers.bulkGet(uploadingIds), [db, uploadingIds.join()]);
  const [open, setOpen] = useState<string | null>(null);
  const [receiptOf, setReceiptOf] = useState<string | null>(null);
  const [wholeCentre, setWholeCentre] = useState(false);
  const rowProgress = (a: (typeof applications & object)[number]) =>
    a.status === 'uploading' && totals ? uploadProgress([a], totals) : null;
  const locale = lang === 'kk' ? 'kk-KZ' : 'ru-RU';
  const waitingUntil = (a: (typeof applications & object)[number]) =>
    (a.status === 'ready' || a.status === 'uploading') &&
    a.lastError &&
    a.nextAttemptAt &&
    a.nextAttemptAt > new Date().toISOString()
      ? a.nextAttemptAt
      : null;
  const serviceName = (id: string) => catalogue.find((s) => s.id === id)?.names[lang] ?? id;
  // Search works offline: it runs over the local cache (this desk's queue and the centre's feed).
  const needle = query.trim().toLocaleLowerCase();
  // The desk's own queue by default; other desks' applications of the centre when asked for or searched.
  // Drafts are not in the queue (unsigned, never sent): they are counted apart and resumed from the intake.
  const drafts = applications?.filter((a) => a.status === 'draft') ?? [];
  const shown = applications?.filter(
    (a) =>
      a.status !== 'draft' &&
      (a.origin !== 'centre' || wholeCentre || !!needle) &&
      (!needle ||
        a.applicant.id.includes(needle) ||
        matchesReceiptNumber(a.id, needle) ||
        (a.registrationNumber ?? '').toLocaleLowerCase().includes(needle) ||
        a.id.startsWith(needle) ||
        serviceName(a.serviceId).toLocaleLowerCase().includes(needle)),
  );

  return (
    <section className="card" aria-labelledby="queue-title">
      <h1 id="queue-title">{t('outbox:title')}</h1>
      <QueueSummary />
      <label className="field queue-search">
        <span>{t('outbox:search')}</span>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="queue-search"
        />
      </label>
      <label className="checkbox-line">
        <input
          type="checkbox"
          checked={wholeCentre}
          onChange={(e) => setWholeCentre(e.target.checked)}
          data-testid="whole-centre"
        />
        {t('outbox:wholeCentre')}
      </label>
      {drafts.length > 0 && (
        <p className="help" data-testid="queue-drafts" data-count={drafts.length}>
          <strong>{t('outbox:drafts.title', { count: drafts.length })}</strong> {t('outbox:drafts.help')}
        </p>
      )}
      {shown && shown.length === 0 && <p className="empty">{t('outbox:empty')}</p>}
      {shown && shown.length > 0 && (
        <table className="queue" data-testid="queue-table">
          <thead>
            <tr>
              <th>{t('outbox:column.receipt')}</th>
              <th>{t('outbox:column.accepted')}</th>
              <th>{t('outbox:column.service')}</th>
              <th>{t('outbox:column.applicant')}</th>
              <th>{t('outbox:column.status')}</th>
              <th>{t('outbox:column.registration')}</th>
              <th>{t('outbox:column.signed')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <Fragment key={a.id}>
                <tr
                  data-testid="queue-row"
                  data-application-id={a.id}
                  data-status={a.status}
                  data-origin={a.origin ?? 'desk'}
                >
                  <td className="mono" data-testid="receipt-number-cell">
                    {a.origin === 'centre' ? '—' : applicationNumber(a.id)}
                  </td>
                  <td>{new Date(a.createdAt).toLocaleString(lang === 'kk' ? 'kk-KZ' : 'ru-RU')}</td>
                  <td className="service-cell">
                    {serviceName(a.serviceId)}
                    {a.origin === 'centre' && <div className="small muted">{t('outbox:otherDesk')}</div>}
                  </td>
                  <td className="mono">{a.applicant.id}</td>
                  <td>
                    <span className={`badge badge-${a.status}`}>{t(`outbox:status.${a.status}`)}</span>
                    {(() => {
                      const p = rowProgress(a);
                      return p && p.totalBytes > 0 ? (
                        <progress
                          className="row-progress"
                          max={p.totalBytes}
                          value={p.sentBytes}
                          aria-label={t('outbox:rowProgress')}
                        />
                      ) : null;
                    })()}
                    {a.lastError && a.status !== 'registered' && (
                      <div className="small error">{errorText(a.lastError)}</div>
                    )}
                    {(() => {
                      const until = waitingUntil(a);
                      return until ? (
                        <div className="small next-try" data-testid="row-next-try">
                          {t('outbox:nextTry', { time: new Date(until).toLocaleTimeString(locale) })}{' '}
                          <button
                            type="button"
                            className="link"
                            onClick={() => void sync.retryNow(a.id)}
                            data-testid="retry-now"
                          >
                            {t('outbox:retryNow')}
                          </button>
                        </div>
                      ) : null;
                    })()}
                  </td>
                  <td className="mono" data-testid="registration-number">
                    {a.registrationNumber ?? '—'}
                  </td>
                  <td className="small" data-testid="signed-by">
                    {a.signature
                      ? t('signing:ui.signedBy', {
                          name: a.signature.signerName,
                          time: new Date(a.signature.signedAt).toLocaleString(
                            lang === 'kk' ? 'kk-KZ' : 'ru-RU',
                          ),
                        })
                      : t('signing:ui.notSigned')}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-expanded={open === a.id}
                      onClick={() => setOpen(open === a.id ? null : a.id)}
                    >
                      {t(open === a.id ? 'outbox:details.hide' : 'outbox:details.show')}
                    </button>
                    {a.manifest && a.origin !== 'centre' && (
                      <button
                        type="button"
                        className="link"
                        data-testid="reprint-receipt"
                        aria-expanded={receiptOf === a.id}
                        onClick={() => setReceiptOf(receiptOf === a.id ? null : a.id)}
                      >
                        {t(receiptOf === a.id ? 'outbox:receipt.hide' : 'outbox:receipt.show')}
                      </button>
                    )}
                  </td>
                </tr>
                {receiptOf === a.id && (
                  <tr>
                    <td colSpan={8}>
                      <QueueReceipt application={a} onClose={() => setReceiptOf(null)} />
                    </td>
                  </tr>
                )}
                {open === a.id && (
                  <tr>
                    <td colSpan={8}>
                      <ApplicationDetails application={a} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A queued application's acceptance receipt, rebuilt from its signed manifest, to show and print again. */
function QueueReceipt({ application: a, onClose }: { application: LocalApplication; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const active = useActiveCatalogue();
  // Built once per manifest and language: the queue re-renders on every sync event, the PDF must not.
  const receipt = useMemo(
    () =>
      reprintReceipt(a, active.services, active.calendar, lang, {
        override: (o) =>
          t(o.check === 'payment' ? 'intake:remarks.paymentOverride' : 'intake:remarks.registerOverride', {
            reason: t(i18nKey(`intake:overrideReason.${o.reason}`)),
            note: o.note,
          }),
        registerDeferred: () => t('intake:remarks.registerDeferred'),
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the manifest never changes once signed
    [a.id, a.manifest?.acceptedAt, active.services, active.calendar, lang, t],
  );
  return receipt ? (
    <ReceiptView receipt={receipt} reprint onNew={onClose} />
  ) : (
    <p className="help">{t('outbox:receipt.unavailable')}</p>
  );
}
