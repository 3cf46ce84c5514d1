import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { loadAppInfo } from './boot-info';
import { createHostBridge } from './bridge/client';
import { ErrorBoundary } from './components/ErrorBoundary';
import { installErrorReporting, reportTo } from './error-reporting';
import { DecisionsApi } from './decisions/api';
import { createDecisionsPuller } from './decisions/puller';
import { createChecksPuller } from './register/checks-puller';
import { registerApiFor } from './register/shared-api';
import { WorkstationContext } from './context';
import { openDatabase } from './db/database';
import { setupI18n } from './i18n';
import { Outbox } from './outbox/outbox';
import { scheduleRetention } from './privacy/retention';
import { loadVault } from './privacy/key-handles';
import { hostSigner } from './signing/signer';
import { ApiClient, probeApi } from './api/client';
import { SyncEngine } from './sync/engine';
import { cachedSession } from './sync/session-cache';
import { TusUploader } from './sync/uploader';
import './styles.css';

async function boot() {
  const bridge = createHostBridge();
  const report = reportTo(bridge);
  installErrorReporting(window, report);
  const i18n = await setupI18n();
  const root = createRoot(document.getElementById('root')!);
  let info, vault;
  try {
    info = await loadAppInfo(bridge);
    // the keys for personal data at rest come from the host on every start and are never stored here
    vault = await loadVault(bridge);
  } catch {
    root.render(<p className="fatal">{i18n.t('common:hostUnavailable')}</p>);
    return;
  }
  if (bridge.transport === 'loopback' && 'serviceWorker' in navigator) {
    const { registerSW } = await import('virtual:pwa-register');
    registerSW({ immediate: true });
  }
  const db = openDatabase(vault);
  const outbox = new Outbox(db, undefined, hostSigner(bridge, db));
  const session = cachedSession(bridge);
  const api = new ApiClient(session);
  const decisionsPull = createDecisionsPuller({
    db,
    api: new DecisionsApi(session),
    trust: async () => (await bridge.call('decisions.trust', {})).caPems,
  });
  const sync = new SyncEngine({
    db,
    outbox,
    api,
    uploader: new TusUploader(db),
    probe: () => probeApi(info.apiUrl),
    onAuthFailure: session.invalidate,
    extraPulls: [decisionsPull, createChecksPuller({ db, outbox, api: registerApiFor(bridge) })],
  });
  sync.start();
  scheduleRetention(db, (e) => void report({ kind: 'error', message: `retention: ${String(e)}` }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { networkMode: 'always', retry: 1 } } });

  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={queryClient}>
          <WorkstationContext.Provider value={{ bridge, db, outbox, sync, centreId: info.centreId, info }}>
            <ErrorBoundary onError={report}>
              <App />
            </ErrorBoundary>
          </WorkstationContext.Provider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}

void boot();
