import { useQuery } from '@tanstack/react-query';
import type { KeystoreStatus } from '@shared/signing/schemas';
import { useWorkstation } from '../context';

export interface CertificateOperator {
  name: string;
  iin: string;
}

/**
 * The operator as the unlocked certificate names them (CN "SURNAME GIVEN" + the patronymic НУЦ РК puts in GN):
 * what the receipt prints and the intake shows, so the name on paper is the name that signs, never typed text.
 * Null while the key is locked or absent, or the certificate carries no ИИН.
 */
export function operatorFromCertificate(status: KeystoreStatus | undefined): CertificateOperator | null {
  const cert = status?.state === 'unlocked' ? status.certificate : null;
  if (!cert?.iin) return null;
  const patronymic = cert.patronymic?.trim();
  const name = [cert.ownerName.trim(), patronymic && !cert.ownerName.includes(patronymic) ? patronymic : '']
    .filter(Boolean)
    .join(' ');
  return name ? { name, iin: cert.iin } : null;
}

/** Shares the `keystore.status` query with the certificate screen and the signer summary. */
export function useCertificateOperator(): {
  operator: CertificateOperator | null;
  status: KeystoreStatus | undefined;
} {
  const { bridge } = useWorkstation();
  const status = useQuery({
    queryKey: ['keystore.status'],
    queryFn: () => bridge.call('keystore.status', {}),
    refetchInterval: 10_000,
  });
  return { operator: operatorFromCertificate(status.data), status: status.data };
}
