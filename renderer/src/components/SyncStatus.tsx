import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkstation } from '../context';
import { i18nKey } from '@shared/i18n/keys';

export function SyncStatus() {
  const { t } = useTranslation();
  const { sync } = useWorkstation();
  const state = useSyncExternalStore(sync.subscribe, sync.getState);
  const label = state.stalled ? 'stalled' : state.authProblem ? 'auth' : state.connectivity;
  return (
    <div className={`sync-status sync-${label}`} role="status" data-testid="sync-status" data-connectivity={state.connectivity}>
      <span className="dot" aria-hidden="true" />
      <span>{t(i18nKey(`outbox:connectivity.${label}`))}</span>
      <span className="pending" data-testid="pending-count">
        {t('outbox:pending', { count: state.pending })}
      </span>
      <button type="button" className="link" onClick={() => void sync.retryNow()}>
        {t('outbox:syncNow')}
      </button>
    </div>
  );
}
