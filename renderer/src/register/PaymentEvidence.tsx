import { useMutation } from '@tanstack/react-query';
import { useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service } from '@shared/catalogue/schema';
import { feeInTenge, requiredFee } from '@shared/register/fees';
import { paymentEvidenceSchema, type PaymentCheckResult } from '@shared/register/schemas';
import { useWorkstation } from '../context';
import { useErrorText } from '../use-error-text';
import { RegisterUnreachable } from './api';
import type { DeskState } from './desk-state';
import { paymentFieldsReducer, paymentFieldText, paymentFieldValue, withPaymentField, type PaymentFieldKey } from './payment-fields';
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
  /** The stored state when the block opened; the inputs keep their own text from then on. */
  desk: DeskState | null;
  /** A change to apply to the state stored *now* (read-modify-write), never a patch over a rendered copy. */
  onChange: (change: (current: DeskState) => DeskState) => void;
  /** Set for a fee paid after the decision: the check is recorded on that application. */
  applicationId?: string;
}) {
  const { t } = useTranslation();
  const { bridge } = useWorkstation();
  const errorText = useErrorText();
  const fee = requiredFee(service, subOperation);
  // The inputs' text lives here, updated by a reducer (each keystroke applies to the latest text), and every
  // keystroke is also written through as a functional change of the stored state: nothing typed quickly is lost
  // to a render that still showed the previous store contents.
  const [text, dispatch] = useReducer(paymentFieldsReducer, desk?.payment, paymentFieldText);
  const payment = Object.fromEntries(
    (Object.keys(text) as PaymentFieldKey[]).flatMap((k) => {
      const v = paymentFieldValue(k, text[k]);
      return v === undefined ? [] : [[k, v]];
    }),
  );
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
    onSuccess: (r) => onChange((current) => ({ ...current, paymentOutcome: r === 'offline' ? undefined : r.outcome })),
  });
  if (!fee) return null;
  const today = new Date().toISOString().slice(0, 10);
  const due = feeInTenge(fee.amount.mrp, typeof payment.paidOn === 'string' ? payment.paidOn : today);
  const set = (id: PaymentFieldKey, value: string) => {
    dispatch({ type: 'type', field: id, text: value });
    check.reset();
    // changed evidence was never checked: the outcome of the previous evidence no longer applies
    onChange((current) => ({ ...current, payment: withPaymentField(current.payment, id, value), paymentOutcome: undefined }));
  };
  const complete = paymentEvidenceSchema.safeParse(payment).success;
  const field = (id: PaymentFieldKey, type: string) => (
    <div className="field">
      <label htmlFor={`payment-${id}`}>{t(i18nKey(`register:payment.${id}`))}</label>
      <input id={`payment-${id}`} type={type} inputMode={id === 'amountTenge' || id === 'payerId' ? 'numeric' : undefined} autoComplete="off" value={text[id]} onChange={(e) => set(id, e.target.value)} />
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
        {field('documentNumber', 'text')}
        {field('paidOn', 'date')}
        {field('amountTenge', 'text')}
        {field('payerId', 'text')}
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
