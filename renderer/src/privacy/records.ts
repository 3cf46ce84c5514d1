import type { LocalDecision } from '../decisions/schema';
import type { AttachmentRecord, LocalApplication } from '../outbox/schema';
import type { RecordVault, Sealed } from './vault';

/**
 * What of an application is the citizen's personal data (or reveals it: the manifest carries the applicant and
 * the form, the signature the operator's certificate, the fingerprint is a hash of all of it). These travel sealed;
 * everything else (status, service, dates, attempts, errors, the API's registration number) stays plain so the
 * queue, the sync engine and the statistics work inside IndexedDB transactions without any key.
 */
const personalApplicationKeys = [
  'applicant',
  'form',
  'documentsPresented',
  'manifest',
  'fingerprint',
  'signature',
  'draft',
] as const;
type PersonalApplicationKey = (typeof personalApplicationKeys)[number];
type PersonalApplication = Pick<LocalApplication, PersonalApplicationKey>;

/** An application as IndexedDB holds it. A purged one (retention) is a tombstone: no `sealed`, no index. */
export type StoredApplication = Omit<LocalApplication, PersonalApplicationKey> & {
  sealed?: Sealed;
  /** Blind index of the applicant's ИИН/БИН (see RecordVault.blindIndex), for exact-match search. */
  partyIndex?: string;
};
/** The fields a status change may touch: never personal ones, so a transition needs no key. */
export type PlainApplicationPatch = Partial<Omit<StoredApplication, 'id' | 'sealed' | 'partyIndex'>>;

const applicationContext = (id: string) => `applications/${id}`;

export async function sealApplication(vault: RecordVault, app: LocalApplication): Promise<StoredApplication> {
  const personal: Partial<PersonalApplication> = {};
  const plain: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(app)) {
    if ((personalApplicationKeys as readonly string[]).includes(k))
      (personal as Record<string, unknown>)[k] = v;
    else if (v !== undefined) plain[k] = v;
  }
  const partyIndex = app.applicant?.id ? await vault.blindIndex('party', app.applicant.id) : undefined;
  return {
    ...(plain as Omit<LocalApplication, PersonalApplicationKey>),
    sealed: await vault.sealJson(personal, applicationContext(app.id)),
    ...(partyIndex ? { partyIndex } : {}),
  };
}

/** A stored row back to the application the screens and the engine work with; a tombstone opens empty. */
export async function openApplication(
  vault: RecordVault,
  stored: StoredApplication,
): Promise<LocalApplication> {
  const { sealed, partyIndex: _index, ...plain } = stored;
  // a row written before version 6 that the upgrade has not sealed yet is still plain: read it as it is
  const legacy = stored as Partial<LocalApplication>;
  const personal: Partial<PersonalApplication> = sealed
    ? await vault.openJson<PersonalApplication>(sealed, applicationContext(stored.id))
    : { applicant: legacy.applicant, form: legacy.form, documentsPresented: legacy.documentsPresented };
  return {
    ...plain,
    ...personal,
    applicant: personal.applicant ?? { kind: 'individual', id: '' },
    form: personal.form ?? {},
    documentsPresented: personal.documentsPresented ?? [],
  } as LocalApplication;
}

export const openApplications = (vault: RecordVault, rows: StoredApplication[]) =>
  Promise.all(rows.map((r) => openApplication(vault, r)));

/**
 * An attachment as IndexedDB holds it: the file name and the bytes sealed (apart, so the queue can list names
 * without decrypting megabytes); size, hash, media type and upload progress plain. `content` is gone once the
 * API has verified and registered the blob (see retention).
 */
export type StoredAttachment = Omit<AttachmentRecord, 'fileName' | 'blob'> & {
  sealedName: Sealed;
  content?: Sealed;
};
/** What a list needs: everything but the bytes. */
export type AttachmentMeta = Omit<AttachmentRecord, 'blob'>;

const attachmentContext = (id: string, part: 'name' | 'content') => `attachments/${id}/${part}`;

export async function sealAttachment(
  vault: RecordVault,
  record: AttachmentRecord,
): Promise<StoredAttachment> {
  const { fileName, blob, ...plain } = record;
  return {
    ...plain,
    sealedName: await vault.sealJson(fileName ?? '', attachmentContext(record.id, 'name')),
    content: await vault.sealBytes(
      new Uint8Array(await blob.arrayBuffer()),
      attachmentContext(record.id, 'content'),
    ),
  };
}

export async function openAttachmentMeta(
  vault: RecordVault,
  stored: StoredAttachment,
): Promise<AttachmentMeta> {
  const { sealedName, content: _content, ...plain } = stored;
  return {
    ...plain,
    fileName: await vault.openJson<string>(sealedName, attachmentContext(stored.id, 'name')),
  };
}

/** The bytes back as a Blob; a purged attachment has none (null). */
export async function openAttachment(
  vault: RecordVault,
  stored: StoredAttachment,
): Promise<AttachmentRecord | null> {
  if (!stored.content) return null;
  const bytes = await vault.openBytes(stored.content, attachmentContext(stored.id, 'content'));
  return {
    ...(await openAttachmentMeta(vault, stored)),
    blob: new Blob([bytes as BlobPart], { type: stored.mediaType }),
  };
}

/**
 * A decision as IndexedDB holds it. The licensor's document (the exact signed text, and its parse) names the
 * applicant, the hand-over names who collected it: both sealed, apart, so a re-delivered decision can replace the
 * document inside a transaction while keeping the desk's hand-over record untouched (and unopened).
 */
export type StoredDecision = Omit<LocalDecision, 'documentJson' | 'document' | 'handover'> & {
  sealed?: Sealed;
  sealedHandover: Sealed | null;
};
type DecisionDocumentPart = Pick<LocalDecision, 'documentJson' | 'document'>;

const decisionContext = (id: string, part: 'document' | 'handover') => `decisions/${id}/${part}`;

export const sealDecisionDocument = (vault: RecordVault, id: string, part: DecisionDocumentPart) =>
  vault.sealJson(part, decisionContext(id, 'document'));
export const sealHandover = (
  vault: RecordVault,
  id: string,
  handover: NonNullable<LocalDecision['handover']>,
) => vault.sealJson(handover, decisionContext(id, 'handover'));

export async function sealDecision(vault: RecordVault, d: LocalDecision): Promise<StoredDecision> {
  const { documentJson, document, handover, ...plain } = d;
  return {
    ...plain,
    sealed: await sealDecisionDocument(vault, d.id, { documentJson, document }),
    sealedHandover: handover ? await sealHandover(vault, d.id, handover) : null,
  };
}

/** A purged decision opens with no document (the print centre shows it as no longer printable). */
export async function openDecision(vault: RecordVault, stored: StoredDecision): Promise<LocalDecision> {
  const { sealed, sealedHandover, ...plain } = stored;
  const legacy = stored as Partial<LocalDecision>;
  const doc: DecisionDocumentPart = sealed
    ? await vault.openJson<DecisionDocumentPart>(sealed, decisionContext(stored.id, 'document'))
    : { documentJson: legacy.documentJson ?? '', document: legacy.document ?? null };
  const handover = sealedHandover
    ? await vault.openJson<LocalDecision['handover']>(sealedHandover, decisionContext(stored.id, 'handover'))
    : (legacy.handover ?? null);
  return { ...plain, ...doc, handover };
}

export const openDecisions = (vault: RecordVault, rows: StoredDecision[]) =>
  Promise.all(rows.map((r) => openDecision(vault, r)));

/** A personal value kept in the key-value table (register answers, a draft's register/payment state), sealed. */
export interface SealedKvValue {
  sealed: Sealed;
  /** When the register gave the answer (plain, so retention can drop stale answers without a key). */
  retrievedAt?: string;
}

export const isSealedKvValue = (value: unknown): value is SealedKvValue =>
  typeof value === 'object' && value !== null && 'sealed' in value;

export async function sealKvValue(
  vault: RecordVault,
  key: string,
  value: unknown,
  retrievedAt?: string,
): Promise<SealedKvValue> {
  return { sealed: await vault.sealJson(value, `kv/${key}`), ...(retrievedAt ? { retrievedAt } : {}) };
}

/** The value back, or undefined for a row written in clear before version 6 (a cache: it is ignored, not trusted). */
export async function openKvValue(vault: RecordVault, key: string, stored: unknown): Promise<unknown> {
  return isSealedKvValue(stored) ? vault.openJson(stored.sealed, `kv/${key}`) : undefined;
}
