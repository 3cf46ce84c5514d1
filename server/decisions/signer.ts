import { readFile } from 'node:fs/promises';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { parseCertificate, pemBlocks } from '../../shared/signing/certificate';

/**
 * The licensor's signing key. Decisions are signed as detached CMS SignedData (RSA PKCS#1 v1.5, SHA-256) with
 * contentType, messageDigest and signingTime signed attributes and the licensor certificate embedded — the same
 * profile the workstation signs applications with, so `openssl cms -verify` and shared/decisions/verify accept it.
 */
export interface LicensorSigner {
  certificatePem: string;
  sign(content: Uint8Array, at?: Date): Promise<Uint8Array>;
}

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';

export async function loadLicensorSigner(paths: { certPem: string; keyPem: string }): Promise<LicensorSigner> {
  const [certPem, keyPem] = await Promise.all([readFile(paths.certPem, 'utf8'), readFile(paths.keyPem, 'utf8')]);
  const certDer = pemBlocks(certPem)[0];
  const keyDer = pemBlocks(keyPem, 'PRIVATE KEY')[0];
  if (!certDer || !keyDer) throw new Error('licensor certificate or PKCS#8 key missing');
  const certificate = parseCertificate(certDer);
  const privateKey = await globalThis.crypto.subtle.importKey('pkcs8', keyDer as Uint8Array<ArrayBuffer>, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);

  return {
    certificatePem: certPem,
    async sign(content, at = new Date()) {
      const digest = await globalThis.crypto.subtle.digest('SHA-256', content as Uint8Array<ArrayBuffer>);
      const signedData = new pkijs.SignedData({
        version: 1,
        encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID_DATA }),
        signerInfos: [
          new pkijs.SignerInfo({
            version: 1,
            sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
            signedAttrs: new pkijs.SignedAndUnsignedAttributes({
              type: 0,
              attributes: [
                new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: OID_DATA })] }),
                new pkijs.Attribute({ type: '1.2.840.113549.1.9.5', values: [new asn1js.UTCTime({ valueDate: at })] }),
                new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: digest })] }),
              ],
            }),
          }),
        ],
        certificates: [certificate],
      });
      await signedData.sign(privateKey, 0, 'SHA-256');
      const contentInfo = new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signedData.toSchema(true) });
      return new Uint8Array(contentInfo.toSchema().toBER(false));
    },
  };
}
