import { AppError } from '../errors';
import { renderAcceptanceReceipt, type AcceptanceReceiptInput } from './acceptance-receipt';
import { renderLicence, type LicenceFormInput } from './licence';
import { renderPermit, type PermitFormInput } from './permit';
import { renderQueueNotification, type QueueNotificationInput } from './queue-notification';
import { renderRefusal, type RefusalFormInput } from './refusal';
import { renderRefusalReceipt, type RefusalReceiptInput } from './refusal-receipt';
import type { RenderOptions } from './render-kit';

/** Input of each printed form, by kind (the catalogue's result types point at these kinds). */
export interface FormInputs {
  licence: LicenceFormInput;
  refusal: RefusalFormInput;
  'acceptance-receipt': AcceptanceReceiptInput;
  'refusal-receipt': RefusalReceiptInput;
  permit: PermitFormInput;
  'queue-notification': QueueNotificationInput;
}
export type FormKind = keyof FormInputs;

const renderers: { [K in FormKind]: (data: FormInputs[K], options: RenderOptions) => Promise<Uint8Array> } = {
  licence: renderLicence,
  refusal: renderRefusal,
  'acceptance-receipt': renderAcceptanceReceipt,
  'refusal-receipt': renderRefusalReceipt,
  permit: renderPermit,
  'queue-notification': renderQueueNotification,
};

export const formKinds = Object.keys(renderers) as FormKind[];

export function isFormKind(value: string): value is FormKind {
  return Object.hasOwn(renderers, value);
}

/** Renders one form to PDF bytes. Data is validated by the form's schema (AppError 'forms:errors.invalidData'). */
export function renderForm<K extends FormKind>(
  kind: K,
  data: FormInputs[K],
  options: RenderOptions,
): Promise<Uint8Array> {
  if (!isFormKind(kind))
    return Promise.reject(new AppError('forms:errors.unknownKind', { kind: String(kind) }));
  const render = renderers[kind] as (d: FormInputs[K], o: RenderOptions) => Promise<Uint8Array>;
  return render(data, options);
}
