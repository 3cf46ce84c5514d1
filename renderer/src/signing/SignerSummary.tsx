import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useWorkstation } from '../context';
import { i18nKey } from '@shared/i18n/keys';

/** Who will sign, shown right before the signature: the certificate's owner, ИИН, validity and whether it is unlocked. */
export function SignerSummary() {
  const { t, i18n } = useTranslation();
  const { bridge } = useWorkstation();
  const status = useQuery({ queryKey: ['keystore.status'], queryFn: () => bridge.call('keystore.status', {}), refetchInterval: 10_000 });
  const s = status.data;
  if (!s) return null;
  const cert = s.certificate;
  if (!cert || s.state === 'empty')
    return (
      <p className="signer error" data-testid="signer-summary" data-state="empty">
        {t('signing:ui.state.empty')}
      </p>
    );
  return (
    <p className={s.state === 'unlocked' ? 'signer' : 'signer error'} data-testid="signer-summary" data-state={s.state}>
      {t('signing:ui.signer', { name: cert.ownerName, iin: cert.iin ?? '—' })}
      {' · '}
      {t('signing:ui.validTill', { date: new Date(cert.validTo).toLocaleDateString(i18n.language === 'kk' ? 'kk-KZ' : 'ru-RU') })}
      {s.state !== 'unlocked' && ` · ${t(i18nKey(`signing:ui.state.${s.state}`))}`}
    </p>
  );
}
