import { useLiveQuery } from 'dexie-react-hooks';
import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkstation } from '../context';
import { RateMeter, uploadProgress } from '../outbox/progress';
import { i18nKey } from '@shared/i18n/keys';

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** The queue's headline: a banner when something needs the operator, totals, overall progress and an ETA. */
export function QueueSummary() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { db, sync } = useWorkstation();
  const state = useSyncExternalStore(sync.subscribe, sync.getState);
  const [meter] = useState(() => new RateMeter());
  const data = useLiveQuery(async () => {
    const [applications, attention] = await Promise.all([
      db.applications.where('status').anyOf('ready', 'uploading').toArray(),
      db.applications.where('status').equals('needs-attention').count(),
    ]);
    // Maintained totals, one small row per pending application: no attachment (blob) is read per tick.
    const progress = uploadProgress(applications, await db.transfers.bulkGet(applications.map((a) => a.id)));
    // Sampled on every change of the stored offsets, i.e. each acknowledged chunk.
    meter.sample(progress.sentBytes);
    return { progress, attention, eta: meter.etaSeconds(progress.totalBytes - progress.sentBytes) };
  }, [db, meter]);
  if (!data) return null;
  const { progress, attention, eta } = data;
  const left = progress.totalBytes - progress.sentBytes;

  const banner =
    state.connectivity === 'offline'
      ? 'offline'
      : state.authProblem
        ? 'auth'
        : state.stalled
          ? 'stalled'
          : null;
  return (
    <div className="queue-summary" data-testid="queue-summary">
      {banner && (
        <p className={`banner banner-${banner}`} role="status">
          {t(i18nKey(`outbox:banner.${banner}`))}
        </p>
      )}
      {attention > 0 && (
        <p className="banner banner-attention" role="alert">
          {t('outbox:banner.attention', { count: attention })}
        </p>
      )}
      <p className="totals">
        {progress.totalBytes > 0 ? t('outbox:totals', { count: progress.items, left: mb(left) }) : t('outbox:totalsItems', { count: progress.items })}
        {eta !== null && ` · ${t('outbox:eta', { minutes: Math.max(1, Math.round(eta / 60)) })}`}
      </p>
      {progress.items > 0 && state.nextPassAt && (
        <p className="next-try small" data-testid="next-try">
          {t(state.connectivity === 'offline' ? 'outbox:nextProbe' : 'outbox:nextPass', { time: new Date(state.nextPassAt).toLocaleTimeString(lang === 'kk' ? 'kk-KZ' : 'ru-RU') })}{' '}
          <button type="button" className="link" onClick={() => void sync.retryNow()} data-testid="retry-all-now">
            {t('outbox:retryNow')}
          </button>
        </p>
      )}
      {progress.totalBytes > 0 && (
        <progress className="overall" max={progress.totalBytes} value={progress.sentBytes} aria-label={t('outbox:overallProgress')} />
      )}
    </div>
  );
}
