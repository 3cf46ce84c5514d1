// Printed forms (issue 7 part 3; receipts for issue 3): isomorphic PDF renderers over pdf-lib.
export { renderForm, formKinds, isFormKind, type FormKind, type FormInputs } from './render';
export { renderOptionsSchema, type RenderOptions } from './render-kit';
export { licenceFormSchema, renderLicence, type LicenceForm, type LicenceFormInput } from './licence';
export { refusalFormSchema, renderRefusal, type RefusalForm, type RefusalFormInput } from './refusal';
export {
  acceptanceReceiptSchema,
  renderAcceptanceReceipt,
  type AcceptanceReceipt,
  type AcceptanceReceiptInput,
} from './acceptance-receipt';
export {
  refusalReceiptSchema,
  renderRefusalReceipt,
  type RefusalReceipt,
  type RefusalReceiptInput,
} from './refusal-receipt';
export { permitFormSchema, renderPermit, type PermitForm, type PermitFormInput } from './permit';
export {
  queueNotificationSchema,
  renderQueueNotification,
  type QueueNotification,
  type QueueNotificationInput,
} from './queue-notification';
export { holderSchema, receiptDocument, type Holder, type ReceiptDocument } from './schema-parts';
export { qrPayload, parseQrPayload, qrMatrix, type QrContent } from './qr';
