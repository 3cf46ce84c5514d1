import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, type TestPkiManifest } from '../../../build/pki/generate-test-pki';
import { Keystore } from '../../../electron/keystore/keystore';
import { CrlCache } from '../../../electron/signing/crl-cache';
import { signManifest } from '../../../electron/signing/sign-manifest';
import { buildServer, type LicensingServer } from '../../../server/app';
import { pemBlocks } from '@shared/signing/certificate';
import { openDatabase } from '../db/database';
import { Outbox, type Signer } from '../outbox/outbox';
import { ApiClient, type ApiSession } from '../api/client';
import { SyncEngine } from '../sync/engine';
import { TusUploader } from '../sync/uploader';
import { openApplication } from './records';
import { testVault } from './vault.testkit';

const centre = { id: 'CON-SEALED', name: 'ЦОН sealed', key: 'sealed-centre-key-0123456789' };
let work: string;
let pki: TestPkiManifest;
let server: LicensingServer;
let apiUrl: string;
let signer: Signer;

/** The real signing path (keystore, CRL, detached CMS) with the TEST PKI's operator certificate. */
async function operatorSigner(): Promise<Signer> {
  const caPem = await readFile(join(pki.dir, pki.caCertPem), 'utf8');
  const keystore = new Keystore({ idleLockSeconds: 3600 });
  await keystore.import({
    path: join(pki.dir, pki.certs.operator.p12),
    password: pki.certs.operator.password,
  });
  const crl = new CrlCache({
    url: join(pki.dir, pki.crlDer),
    cacheFile: join(work, 'crl.der'),
    trustedCasDer: pemBlocks(caPem),
    maxAgeSeconds: 86400,
  });
  return {
    operatorIin: async () => pki.operatorIin,
    async sign(manifest) {
      const signed = await signManifest(
        { keystore, crl, trustedCasDer: pemBlocks(caPem) },
        { manifest, expectedSignerIin: pki.operatorIin },
      );
      return {
        cmsBase64: signed.cmsBase64,
        signedAt: signed.signedAt,
        signerName: signed.certificate.ownerName,
        signerIin: signed.certificate.iin,
      };
    },
  };
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sealed-delivery-'));
  pki = await generateTestPki(join(work, 'pki'));
  signer = await operatorSigner();
  server = await buildServer({
    centres: [centre],
    signatures: {
      trustedCaPems: [await readFile(join(pki.dir, pki.caCertPem), 'utf8')],
      crlFiles: [join(pki.dir, pki.crlDer)],
    },
  });
  apiUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

async function session(): Promise<ApiSession> {
  const res = await fetch(`${apiUrl}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ centreId: centre.id }),
  });
  return { apiUrl, token: ((await res.json()) as { token: string }).token };
}

describe('sync from a sealed IndexedDB', () => {
  it('delivers a signed application whose signature and blob hashes the API verifies, then drops the local bytes', async () => {
    const vault = await testVault();
    const db = openDatabase(vault, 'sealed-delivery');
    const outbox = new Outbox(db, undefined, signer);
    const id = crypto.randomUUID();
    const scan = new Uint8Array(randomBytes(300_000));
    await outbox.addAttachment({
      applicationId: id,
      documentKey: 'application',
      fileName: 'passport-900101300126.pdf',
      mediaType: 'application/pdf',
      blob: new Blob([scan]),
    });
    const queued = await outbox.queue(
      {
        serviceId: 'edu-licence-school',
        subOperation: 'issue',
        applicant: { kind: 'legal-entity', id: '100440001230' },
        form: { name: 'Мектеп' },
        documentsPresented: ['application'],
        centreId: centre.id,
      },
      id,
    );
    expect(queued.signature?.cmsBase64).toBeTruthy();

    const toUploadable = async (b: Blob) => Buffer.from(await b.arrayBuffer());
    const engine = new SyncEngine({
      db,
      outbox,
      api: new ApiClient(session),
      uploader: new TusUploader(db, { toUploadable }),
      probe: async () => true,
      random: () => 0,
    });
    await engine.runOnce();

    const stored = await openApplication(vault, (await db.applications.get(id))!);
    expect(stored.status).toBe('registered');
    expect(stored.registrationNumber).toMatch(/^Q\d{4}-\d{8}$/);
    // the API held the signed manifest's hash for the blob, and the bytes it stored have that hash
    const held = await server.db
      .selectFrom('attachments')
      .selectAll()
      .where('application_id', '=', id)
      .execute();
    expect(held.map((h) => h.sha256)).toEqual([createHash('sha256').update(scan).digest('hex')]);
    expect(held[0]!.sha256).toBe(queued.manifest!.attachments[0]!.sha256);
    // verified and registered: the desk's copy of the scan is gone, its hash and size stay
    const [local] = await db.attachments.where('applicationId').equals(id).toArray();
    expect(local!.content).toBeUndefined();
    expect(local).toMatchObject({ sha256: held[0]!.sha256, size: scan.length });
  });
});
