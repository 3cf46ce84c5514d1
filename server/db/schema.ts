import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** The transaction that last moved the row in its feed (xid8); written only by the feed_stamp_xid trigger. */
type FeedXid = ColumnType<string, never, never>;

export interface CentresTable {
  id: string;
  name: string;
  key_sha256: string;
  created_at: DefaultTimestamp;
}

export interface SessionsTable {
  token_sha256: string;
  centre_id: string;
  expires_at: Timestamp;
}

export interface ApplicationsTable {
  id: string;
  centre_id: string;
  fingerprint: string;
  service_id: string;
  sub_operation: string;
  applicant_kind: string;
  applicant_id: string;
  manifest: ColumnType<unknown, string, string>;
  signature_cms: string | null;
  /** The receipt-time signature decision and its inputs (server/signature/verify.ts); null before migration 0006. */
  signature_validation: ColumnType<unknown, string | null | undefined, string | null>;
  status: string;
  registration_number: string | null;
  note: string | null;
  received_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** Position in the centre feed: bumped from one sequence on every change; `feed_xid` is stamped by a trigger. */
  feed_seq: ColumnType<string, string | undefined, string>;
  feed_xid: FeedXid;
}

export interface ApplicationEventsTable {
  id: Generated<string>;
  application_id: string;
  status: string;
  actor: string;
  note: string | null;
  at: DefaultTimestamp;
}

export interface LicensorsTable {
  id: string;
  name: string;
  key_sha256: string;
}

/** A licensor's signed decision; `document_json` is the exact signed byte string (canonical JSON). */
export interface DecisionsTable {
  id: string;
  application_id: string;
  centre_id: string;
  service_id: string;
  result: string;
  number: string;
  document_json: string;
  cms_base64: string;
  decided_by: string;
  decided_at: Timestamp;
  handed_over_at: Date | string | null;
  handover: ColumnType<unknown, string | null | undefined, string | null>;
  updated_at: DefaultTimestamp;
  feed_seq: ColumnType<string, string | undefined, string>;
  feed_xid: FeedXid;
}

export interface AttachmentsTable {
  application_id: string;
  attachment_id: string;
  centre_id: string;
  sha256: string;
  size: ColumnType<string, number | string, number | string>;
  upload_id: string;
  verified_at: DefaultTimestamp;
}

export type UploadState = 'open' | 'verified' | 'rejected' | 'expired' | 'removed';

/** The upload ledger: one row per tus upload a centre opened (quotas, expiry, recovery after a crash). */
export interface UploadsTable {
  id: string;
  centre_id: string;
  application_id: string;
  attachment_id: string;
  size: ColumnType<string, number | string, number | string>;
  state: ColumnType<UploadState, UploadState | undefined, UploadState>;
  created_at: Timestamp;
  closed_at: Date | string | null;
}

export interface RegisterIndividualsTable {
  iin: string;
  surname: string;
  name: string;
  patronymic: string | null;
  birth_date: string;
  address: string;
}

export interface RegisterLegalEntitiesTable {
  bin: string;
  name: string;
  legal_address: string;
  head_iin: string | null;
  head_name: string;
  registered_on: string;
}

/** Stand-in for the payment gateway's records (ЭҮТШ). */
export interface PaymentsTable {
  document_number: string;
  paid_on: string;
  amount_tenge: ColumnType<string, number | string, number | string>;
  payer_id: string;
  purpose: string | null;
}

export interface RegisterLookupsTable {
  id: Generated<string>;
  centre_id: string;
  kind: string;
  subject_id: string;
  found: boolean;
  at: DefaultTimestamp;
}

/** One register or payment check of an application; the centre sees it in the checks feed. */
export interface ApplicationChecksTable {
  application_id: string;
  kind: string;
  centre_id: string;
  status: string;
  code: string | null;
  params: ColumnType<unknown, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  checked_at: Date | string | null;
  updated_at: DefaultTimestamp;
  feed_seq: ColumnType<string, string | undefined, string>;
  feed_xid: FeedXid;
}

export interface Database {
  licensors: LicensorsTable;
  decisions: DecisionsTable;
  centres: CentresTable;
  sessions: SessionsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  attachments: AttachmentsTable;
  uploads: UploadsTable;
  register_individuals: RegisterIndividualsTable;
  register_legal_entities: RegisterLegalEntitiesTable;
  payments: PaymentsTable;
  register_lookups: RegisterLookupsTable;
  application_checks: ApplicationChecksTable;
}
