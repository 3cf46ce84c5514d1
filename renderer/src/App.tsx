import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SyncStatus } from './components/SyncStatus';
import { useWorkstation } from './context';
import { IntakeScreen } from './screens/IntakeScreen';
import { QueueScreen } from './screens/QueueScreen';

type Screen = 'intake' | 'queue';

export function App() {
  const { t } = useTranslation();
  const { info } = useWorkstation();
  const [screen, setScreen] = useState<Screen>('intake');

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('common:appName')}</span>
          <span className="brand-sub">{t('common:centre', { centre: info.centreId })}</span>
        </div>
        <nav className="tabs" aria-label={t('common:navigation')}>
          <button type="button" className={screen === 'intake' ? 'tab active' : 'tab'} aria-current={screen === 'intake'} onClick={() => setScreen('intake')}>
            {t('common:nav.intake')}
          </button>
          <button type="button" className={screen === 'queue' ? 'tab active' : 'tab'} aria-current={screen === 'queue'} onClick={() => setScreen('queue')}>
            {t('common:nav.queue')}
          </button>
        </nav>
        <SyncStatus />
        <LanguageSwitch />
      </header>
      <main className="app-main">{screen === 'intake' ? <IntakeScreen onQueued={() => setScreen('queue')} /> : <QueueScreen />}</main>
      <footer className="app-footer">{t('common:version', { version: info.version, transport: info.transport })}</footer>
    </div>
  );
}
