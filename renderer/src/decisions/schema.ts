import type { DecisionDocument, DecisionResult, HandoverRequest } from '@shared/decisions/schema';
import type { DecisionVerifyFailure } from '@shared/decisions/verify';

/** Why the print centre will not print a result: a signature failure, or a document it cannot read. */
export type LocalVerifyFailure = DecisionVerifyFailure | 'unreadable';

export type LocalVerification =
  | { ok: true; subject: string; signedAt: string; checkedAt: string }
  | { ok: false; reason: LocalVerifyFailure; checkedAt: string };

/** A licensor decision cached on this desk; prints and hand-overs work from it with no network. */
export interface LocalDecision {
  /** The decision UUID. */
  id: string;
  applicationId: string;
  /** The exact signed bytes as received; verification always runs over these, never over a re-serialisation. */
  documentJson: string;
  cmsBase64: string;
  document: DecisionDocument | null;
  number: string;
  result: DecisionResult | 'unknown';
  serviceId: string;
  decidedAt: string;
  verification: LocalVerification;
  /** 1 once printed at least once (an indexable boolean). */
  printed: 0 | 1;
  printCount: number;
  lastPrintedAt: string | null;
  handedOverAt: string | null;
  handover: HandoverRequest | null;
  /** 0 while a hand-over recorded here has not reached the API yet. */
  handoverSynced: 0 | 1;
  receivedAt: string;
  /** Set when retention removed the document and the hand-over (the decision's number, result and dates stay). */
  purgedAt?: string;
}

export interface PrintLogEntry {
  id?: number;
  decisionId: string;
  number: string;
  at: string;
  kind: 'print' | 'reprint';
  reason: string | null;
  /** Several decisions printed as one merged PDF share a batch id. */
  batchId: string | null;
  lang: 'kk' | 'ru';
  via: 'browser' | 'host';
}
