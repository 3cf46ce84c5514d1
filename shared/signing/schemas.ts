import { z } from 'zod';
import { manifestSchema } from '../manifest/manifest';

/**
 * What crosses the host bridge for the operator's certificate and signatures. Results are strict objects on
 * purpose: anything extra (a key, a password, a PKCS#12 blob) makes validation fail instead of leaking through.
 * Passwords travel only renderer → host in arguments; no result schema has a field that could carry secrets.
 */

const iin = z.string().regex(/^\d{12}$/);
const isoDate = z.iso.datetime({ offset: true });

export const keyUsageNames = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof keyUsageNames)[number];

/** НУЦ РК issues a SIGN key (digitalSignature+nonRepudiation) and a separate AUTH key (clientAuth); only SIGN may sign requests. */
export const certificatePurposeSchema = z.enum(['sign', 'auth']);
export type CertificatePurpose = z.infer<typeof certificatePurposeSchema>;

export const certificateInfoSchema = z.strictObject({
  /** CN: "SURNAME NAME" in НУЦ РК certificates. */
  ownerName: z.string(),
  surname: z.string().nullable(),
  /** НУЦ РК puts the patronymic in GN (givenName). */
  patronymic: z.string().nullable(),
  iin: iin.nullable(),
  bin: iin.nullable(),
  organisation: z.string().nullable(),
  subject: z.string(),
  issuer: z.string(),
  issuerCommonName: z.string().nullable(),
  /** Lower-case hex, no leading zero byte stripping beyond DER. */
  serialNumber: z.string().regex(/^[0-9a-f]+$/),
  validFrom: isoDate,
  validTo: isoDate,
  keyUsage: z.array(z.enum(keyUsageNames)),
  extendedKeyUsage: z.array(z.string().regex(/^\d+(\.\d+)+$/)),
  purpose: certificatePurposeSchema,
  /** SHA-256 of the certificate DER, lower-case hex: lets the UI and the server name the same certificate. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CertificateInfo = z.infer<typeof certificateInfoSchema>;

export const crlStatusSchema = z.strictObject({
  source: z.string(),
  fetchedAt: isoDate,
  thisUpdate: isoDate,
  nextUpdate: isoDate.nullable(),
  /** Seconds since the CA issued this CRL (thisUpdate), the number the operator sees. */
  ageSeconds: z.number().int().nonnegative(),
  maxAgeSeconds: z.number().int().positive(),
  fresh: z.boolean(),
});
export type CrlStatus = z.infer<typeof crlStatusSchema>;

export const keystoreStatusSchema = z.strictObject({
  state: z.enum(['empty', 'locked', 'unlocked']),
  fileName: z.string().nullable(),
  idleLockSeconds: z.number().int().positive(),
  /** When the unlocked key will be dropped if nothing signs before then. */
  lockAt: isoDate.nullable(),
  /** Public data only; kept while locked so the UI can say whose key it is. */
  certificate: certificateInfoSchema.nullable(),
  crl: crlStatusSchema.nullable(),
});
export type KeystoreStatus = z.infer<typeof keystoreStatusSchema>;

const password = z.string().min(1).max(256);

export const keystoreImportArgsSchema = z
  .strictObject({
    /** A host path or a name from the host's inbox (`files.pick`); the host resolves it. */
    path: z.string().min(1).max(4096).optional(),
    /** The .p12 itself when the renderer got it by drag-and-drop. */
    bytesBase64: z.base64().max(200_000).optional(),
    fileName: z.string().min(1).max(255).optional(),
    password,
  })
  .refine((a) => (a.path === undefined) !== (a.bytesBase64 === undefined), { message: 'exactly one of path or bytesBase64' });
export type KeystoreImportArgs = z.infer<typeof keystoreImportArgsSchema>;

export const keystoreUnlockArgsSchema = z.strictObject({ password });
export type KeystoreUnlockArgs = z.infer<typeof keystoreUnlockArgsSchema>;

export const noArgsSchema = z.strictObject({});

export const signManifestArgsSchema = z.strictObject({
  manifest: manifestSchema,
  /** ИИН of the signed-in operator; the certificate must carry the same. */
  expectedSignerIin: iin,
  /** For a legal-entity signature: the БИН the certificate's OU=BIN… must equal. */
  expectedBin: iin.optional(),
});
export type SignManifestArgs = z.infer<typeof signManifestArgsSchema>;

export const signManifestResultSchema = z.strictObject({
  /** Detached CMS SignedData (DER, base64) over canonicalManifestBytes(manifest). */
  cmsBase64: z.base64(),
  signedAt: isoDate,
  certificate: certificateInfoSchema,
  /** manifestFingerprint(manifest): SHA-256 of the signed bytes, the sync dedupe key. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SignManifestResult = z.infer<typeof signManifestResultSchema>;

/** Merge into the host contract: `{ ...hostContract, ...signingBridgeMethods }`. */
export const signingBridgeMethods = {
  'keystore.status': { args: noArgsSchema, result: keystoreStatusSchema },
  'keystore.import': { args: keystoreImportArgsSchema, result: keystoreStatusSchema },
  'keystore.unlock': { args: keystoreUnlockArgsSchema, result: keystoreStatusSchema },
  'keystore.lock': { args: noArgsSchema, result: keystoreStatusSchema },
  'sign.manifest': { args: signManifestArgsSchema, result: signManifestResultSchema },
} as const;
export type SigningBridgeMethod = keyof typeof signingBridgeMethods;
