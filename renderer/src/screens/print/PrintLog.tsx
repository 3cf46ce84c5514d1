import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { useWorkstation } from '../../context';

export function PrintLog() {
  const { t, i18n } = useTranslation();
  const { db } = useWorkstation();
  const entries = useLiveQuery(() => db.printLog.orderBy('at').reverse().limit(100).toArray(), [db]);
  const locale = i18n.language === 'kk' ? 'kk-KZ' : 'ru-RU';
  return (
    <section className="card" aria-labelledby="print-log-title">
      <h2 id="print-log-title">{t('print:log.title')}</h2>
      {entries && entries.length === 0 && <p className="empty">{t('print:log.empty')}</p>}
      {entries && entries.length > 0 && (
        <table className="decisions" data-testid="print-log">
          <thead>
            <tr>
              <th>{t('print:log.at')}</th>
              <th>{t('print:log.number')}</th>
              <th>{t('print:log.kind')}</th>
              <th>{t('print:log.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="print-log-row" data-kind={e.kind}>
                <td>{new Date(e.at).toLocaleString(locale)}</td>
                <td className="mono">{e.number}</td>
                <td>{t(`print:log.${e.kind}`)}</td>
                <td>{e.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
