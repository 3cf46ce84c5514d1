import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { canonicalManifestJson, manifestFingerprint, type Manifest } from './manifest';

const base: Manifest = {
  schema: 'qabyldau.application/1',
  applicationId: '0b6f3c1e-8a2f-4b7e-9c3d-2f1a5e6d7c8b',
  centreId: 'CON-ALM-01',
  serviceId: 'edu-licence-school',
  subOperation: 'issue',
  applicant: { kind: 'legal-entity', id: '990140000135' },
  form: { name: 'Мектеп «Болашақ»', staff: 12 },
  documentsPresented: ['application'],
  attachments: [],
  acceptedAt: '2026-11-25T10:00:00+05:00',
};

describe('canonical manifest', () => {
  it('orders keys per RFC 8785 so the same request always has the same bytes', async () => {
    const reordered = JSON.parse(JSON.stringify({ ...base, form: { staff: 12, name: 'Мектеп «Болашақ»' } })) as Manifest;
    expect(canonicalManifestJson(reordered)).toBe(canonicalManifestJson(base));
    expect(await manifestFingerprint(reordered)).toBe(await manifestFingerprint(base));
    expect(canonicalManifestJson(base).indexOf('"acceptedAt"')).toBeLessThan(canonicalManifestJson(base).indexOf('"applicant"'));
  });

  it('changes the fingerprint when any content changes', async () => {
    const other = { ...base, form: { ...base.form, staff: 13 } };
    expect(await manifestFingerprint(other)).not.toBe(await manifestFingerprint(base));
    expect(await manifestFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a manifest that does not match the schema', () => {
    expect(() => canonicalManifestJson({ ...base, applicant: { kind: 'individual', id: '123' } })).toThrow(ZodError);
  });

  it('signs an override into the canonical bytes, and keeps a manifest without one byte-identical', async () => {
    const override = { check: 'payment' as const, reason: 'receipt-seen-gateway-down' as const, note: 'Квитанция № 17 көрілді' };
    const withOverride = { ...base, overrides: [override] };
    expect(canonicalManifestJson(withOverride)).toContain('"overrides":[{"check":"payment","note":"Квитанция № 17 көрілді","reason":"receipt-seen-gateway-down"}]');
    expect(await manifestFingerprint(withOverride)).not.toBe(await manifestFingerprint(base));
    expect(canonicalManifestJson(base)).not.toContain('overrides');
  });

  it('refuses an override without a note, with a reason from another check, or two for one check', () => {
    const ok = { check: 'register' as const, reason: 'recently-registered' as const, note: 'registered yesterday, certificate seen' };
    expect(() => canonicalManifestJson({ ...base, overrides: [{ ...ok, note: ' ' }] })).toThrow(ZodError);
    expect(() => canonicalManifestJson({ ...base, overrides: [{ ...ok, reason: 'receipt-seen-gateway-down' }] })).toThrow(ZodError);
    expect(() => canonicalManifestJson({ ...base, overrides: [ok, ok] })).toThrow(ZodError);
    expect(() => canonicalManifestJson({ ...base, overrides: [] })).toThrow(ZodError);
    expect(canonicalManifestJson({ ...base, overrides: [ok] })).toContain('recently-registered');
  });
});
