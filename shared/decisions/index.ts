// Decisions from the licensor (issue 7): the signed result document, its verification and its printed form.
export * from './schema';
export { buildDecisionDocument, canonicalDecisionJson, formatDecisionNumber, kazakhstanDate, printableForm, resultCodes, type BuildDecisionInput, type DecisionApplication } from './document';
export { verifyDecisionSignature, decisionVerifyFailures, type DecisionVerification, type DecisionVerifyFailure, type DecisionVerifyInput } from './verify';
export { decisionsBridgeMethods } from './bridge';
