export { controlDigit, hasValidControlDigit } from './checkDigit';
export {
  validateIin,
  parseIin,
  generateIin,
  iinReasons,
  type IinReason,
  type IinInfo,
  type IinUnknownInfo,
  type IinResult,
  type IinLenientResult,
  type IinOptions,
  type Sex,
  type Century,
  type GenerateIinInput,
} from './iin';
export {
  validateBin,
  parseBin,
  generateBin,
  binReasons,
  binEntityTypes,
  binDivisions,
  type BinReason,
  type BinInfo,
  type BinResult,
  type BinEntityType,
  type BinDivision,
  type GenerateBinInput,
} from './bin';
export {
  identifyApplicantId,
  normalizeIdInput,
  type ApplicantIdResult,
  type ApplicantIdReason,
} from './applicantId';
export { iinSchema, binSchema, applicantIdSchema } from './schemas';
