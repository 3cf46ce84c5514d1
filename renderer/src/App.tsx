import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SyncStatus } from './components/SyncStatus';
import { useWorkstation } from './context';
import { IntakeScreen } from './screens/IntakeScreen';
import { CertificateScreen } from './screens/CertificateScreen';
import { QueueScreen } from './screens/QueueScreen';
import { PrintScreen } from './screens/print/PrintScreen';
import { i18nKey } from '@shared/i18n/keys';

type Screen = 'intake' | 'queue' | 'certificate' | 'print';
const screens: Screen[] = ['intake', 'queue', 'certificate', 'print'];

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
          {screens.map((id) => (
            <button key={id} type="button" className={screen === id ? 'tab active' : 'tab'} aria-current={screen === id} onClick={() => setScreen(id)}>
              {id === 'print' ? t('print:title') : t(i18nKey(`common:nav.${id}`))}
            </button>
          ))}
        </nav>
        <SyncStatus />
        <LanguageSwitch />
      </header>
      <main className="app-main">
        {screen === 'intake' && <IntakeScreen onQueued={() => setScreen('queue')} />}
        {screen === 'queue' && <QueueScreen />}
        {screen === 'certificate' && <CertificateScreen />}
        {screen === 'print' && <PrintScreen />}
      </main>
      <footer className="app-footer">{t('common:version', { version: info.version, transport: info.transport })}</footer>
    </div>
  );
}
