import { useTranslation } from 'react-i18next';
import type { Service } from '@shared/catalogue';
import type { Language } from '@shared/i18n/resources';
import { actBanner } from './act-status';
import { localDateTime } from './receipt-data';

/** Shown above the request as soon as a service is chosen, so the operator sees it before taking documents. */
export function ActStatusBanner({ service }: { service: Service }) {
  const { t, i18n } = useTranslation();
  const banner = actBanner(service, localDateTime(new Date()).slice(0, 10), i18n.language as Language);
  if (!banner) return null;
  return (
    <p className="error act-status" role="alert" data-testid="act-status-banner" data-key={banner.key}>
      {t(banner.key, banner.params)}
    </p>
  );
}
