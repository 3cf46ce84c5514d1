import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Service } from '@shared/catalogue/schema';
import { feeInTenge, requiredFee } from '@shared/register/fees';
import { paymentEvidenceSchema, type PaymentCheckResult } from '@shared/register/schemas';
import { useWorkstation } from '../context';
import { useErrorText } from '../use-error-text';
import { RegisterUnreachable } from './api';
import type { DeskState } from './desk-state';
import { registerApiFor } from './shared-api';
import { i18nKey } from '@shared/i18n/keys';

/**
 * The fee block: how much is due (МРП × the year's МРП value) and when, the payment evidence the applicant
 * brought, and an online check against the payment gateway. Offline the evidence is queued and checked on arrival.
 */
export function PaymentEvidence({
  service,
  subOperation,
  desk,
  onChange,
  applicationId,
}: {
  service: Service;
  subOperation: string;
  desk: DeskState | null;
  onChange: (patch: Partial<DeskState>) => void;
  /** Set for a fee paid after the decision: the check is recorded on that application. */
  applicationId?: string;
}) {
  const { t } = useTranslation();
  const { bridge } = useWorkstation();
  const errorText = useErrorText();
  const fee = requiredFee(service, subOperation);
  const payment = desk?.payment ?? {};
  const check = useMutation<PaymentCheckResult | 'offline'>({
    mutationFn: async () => {
      const evidence = paymentEvidenceSchema.parse(payment);
      try {
        return await registerApiFor(bridge).checkPayment({ ...evidence, serviceId: service.id, subOperation, ...(applicationId ? { applicationId } : {}) });
      } catch (error) {
        if (error instanceof RegisterUnreachable) return 'offline';
        throw error;
      }
    },
    onSuccess: (r) => onChange({ paymentOutcome: r === 'offline' ? undefined : r.outcome }),
  });
  if (!fee) return null;
  const today = new Date().toISOString().slice(0, 10);
  const due = feeInTenge(fee.amount.mrp, payment.paidOn ?? today);
  const set = (patch: Partial<DeskState['payment']>) => onChange({ payment: { ...payment, ...patch }, paymentOutcome: undefined });
  const complete = paymentEvidenceSchema.safeParse(payment).success;
  const field = (id: keyof DeskState['payment'], type: string, value: string | number | undefined, parse: (v: string) => unknown) => (
    <div className="field">
      <label htmlFor={`payment-${id}`}>{t(i18nKey(`register:payment.${id}`))}</label>
      <input id={`payment-${id}`} type={type} autoComplete="off" value={value ?? ''} onChange={(e) => set({ [id]: parse(e.target.value) })} />
    </div>
  );
  const result = check.data;
  return (
    <fieldset className="intake-section register-payment" data-testid="payment-evidence">
      <legend>{t('register:payment.title')}</legend>
      <p className="help">{t(fee.when === 'before-signing' ? 'register:payment.whenBeforeSigning' : 'register:payment.whenAfterApproval')}</p>
      {due && (
        <p data-testid="payment-required">
          {t('register:payment.required', { mrp: fee.amount.mrp, tenge: due.tenge, mrpTenge: due.mrpTenge, year: due.from.slice(0, 4) })}
        </p>
      )}
      {fee.amount.placeholder && <p className="help small">{t('register:payment.placeholder')}</p>}
      <div className="field-row">
        {field('documentNumber', 'text', payment.documentNumber, (v) => v)}
        {field('paidOn', 'date', payment.paidOn, (v) => v || undefined)}
        {field('amountTenge', 'number', payment.amountTenge, (v) => (v ? Number(v) : undefined))}
        {field('payerId', 'text', payment.payerId, (v) => v.replace(/\D/g, '').slice(0, 12))}
      </div>
      <div className="actions">
        <button type="button" disabled={!complete || check.isPending} onClick={() => check.mutate()} data-testid="payment-check">
          {check.isPending ? t('register:payment.checking') : t('register:payment.check')}
        </button>
      </div>
      <p role="status" aria-live="polite" data-testid="payment-result" data-outcome={result === 'offline' ? 'offline' : (result?.outcome ?? desk?.paymentOutcome ?? '')}>
        {result === 'offline'
          ? t('register:payment.pendingOffline')
          : result
            ? t(result.code, result.params)
            : check.error
              ? errorText(check.error)
              : ''}
      </p>
    </fieldset>
  );
}
