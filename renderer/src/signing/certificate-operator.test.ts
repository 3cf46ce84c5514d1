import { describe, expect, it } from 'vitest';
import type { KeystoreStatus } from '@shared/signing/schemas';
import { operatorFromCertificate } from './certificate-operator';

const certificate: NonNullable<KeystoreStatus['certificate']> = {
  ownerName: 'СЕЙТОВА АЙГЕРІМ',
  surname: 'СЕЙТОВА',
  patronymic: 'ҚАНАТҚЫЗЫ',
  iin: '880512400123',
  bin: null,
  organisation: null,
  subject: 'CN=СЕЙТОВА АЙГЕРІМ, SURNAME=СЕЙТОВА, SERIALNUMBER=IIN880512400123',
  issuer: 'CN=TEST',
  issuerCommonName: 'TEST',
  serialNumber: '0a1b',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
} as NonNullable<KeystoreStatus['certificate']>;
const status = (state: KeystoreStatus['state'], cert = certificate): KeystoreStatus =>
  ({
    state,
    fileName: 'op.p12',
    idleLockSeconds: 300,
    lockAt: null,
    certificate: cert,
    crl: null,
  }) as KeystoreStatus;

describe('operator identity from the certificate', () => {
  it('names the operator as the unlocked certificate does (CN + patronymic), with its ИИН', () => {
    expect(operatorFromCertificate(status('unlocked'))).toEqual({
      name: 'СЕЙТОВА АЙГЕРІМ ҚАНАТҚЫЗЫ',
      iin: '880512400123',
    });
    expect(operatorFromCertificate(status('unlocked', { ...certificate, patronymic: null }))).toEqual({
      name: 'СЕЙТОВА АЙГЕРІМ',
      iin: '880512400123',
    });
  });

  it('gives no operator while the key is locked or absent, or when the certificate has no ИИН', () => {
    expect(operatorFromCertificate(status('locked'))).toBeNull();
    expect(operatorFromCertificate(undefined)).toBeNull();
    expect(operatorFromCertificate(status('unlocked', { ...certificate, iin: null }))).toBeNull();
  });
});
