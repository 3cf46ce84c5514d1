// The intake screen lives in ./intake/ (service search, applicant, catalogue form, checklist, receipts, drafts).
export { IntakeScreen } from './intake/IntakeScreen';
