import { describe, expect, it } from 'vitest';
import kk from '../i18n/locales/kk/signing.json';
import ru from '../i18n/locales/ru/signing.json';
import { createI18n } from '../i18n/translate';
import { signingBridgeMethods } from './schemas';
import { subjectIdentity, purposeOf, OID } from './certificate';

describe('signing bridge schemas', () => {
  it('accept exactly one source for keystore.import', () => {
    const args = signingBridgeMethods['keystore.import'].args;
    expect(args.safeParse({ path: 'a.p12', password: 'x' }).success).toBe(true);
    expect(args.safeParse({ bytesBase64: 'AAAA', password: 'x' }).success).toBe(true);
    expect(args.safeParse({ password: 'x' }).success).toBe(false);
    expect(args.safeParse({ path: 'a.p12', bytesBase64: 'AAAA', password: 'x' }).success).toBe(false);
  });

  it('results are strict: no room for a key or password to ride along', () => {
    const status = { state: 'locked', fileName: 'k.p12', idleLockSeconds: 300, lockAt: null, certificate: null, crl: null };
    const result = signingBridgeMethods['keystore.status'].result;
    expect(result.parse(status)).toEqual(status);
    expect(result.safeParse({ ...status, privateKeyPem: '-----BEGIN PRIVATE KEY-----' }).success).toBe(false);
    const propertyNames = (schema: unknown): string[] => {
      if (!schema || typeof schema !== 'object') return [];
      const own = 'properties' in schema ? Object.keys(schema.properties as object) : [];
      return [...own, ...Object.values(schema).flatMap(propertyNames)];
    };
    const resultKeys = Object.values(signingBridgeMethods)
      .flatMap((m) => propertyNames(m.result.toJSONSchema()))
      .filter((k) => /key|password|secret|pem|pkcs|private/i.test(k));
    expect([...new Set(resultKeys)].sort()).toEqual(['extendedKeyUsage', 'keyUsage']);
  });
});

describe('НУЦ РК subject rules', () => {
  it('reads ИИН and БИН only from their attributes with exact prefixes', () => {
    expect(subjectIdentity([
      { oid: OID.serialNumber, value: 'IIN900101300811' },
      { oid: OID.organisationalUnit, value: 'BIN940140000385' },
    ])).toEqual({ iin: '900101300811', bin: '940140000385' });
    expect(subjectIdentity([
      { oid: OID.organisation, value: 'IIN900101300811' },
      { oid: OID.serialNumber, value: 'IIN9001013008119' },
    ])).toEqual({ iin: null, bin: null });
  });

  it('tells the SIGN key from the AUTH key', () => {
    expect(purposeOf(['digitalSignature', 'nonRepudiation'], [OID.emailProtection])).toBe('sign');
    expect(purposeOf(['digitalSignature', 'keyEncipherment'], [OID.clientAuth])).toBe('auth');
    expect(purposeOf(['digitalSignature', 'nonRepudiation'], [OID.clientAuth])).toBe('auth');
    expect(purposeOf([], [])).toBe('auth');
  });
});

describe('signing messages', () => {
  const flatten = (tree: object, prefix = ''): [string, string][] =>
    Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v as object, `${prefix}${k}.`)));
  const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('have the same keys and placeholders in kk and ru', () => {
    const kkMap = new Map(flatten(kk));
    const ruMap = new Map(flatten(ru));
    expect([...kkMap.keys()].sort()).toEqual([...ruMap.keys()].sort());
    for (const [key, text] of kkMap) expect(placeholders(text), key).toEqual(placeholders(ruMap.get(key)!));
  });

  it('cover every error code the signing modules throw', async () => {
    const sources = import.meta.glob(['../../electron/keystore/*.ts', '../../electron/signing/*.ts', './*.ts', '!**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const codes = new Set(Object.values(sources).flatMap((src) => [...src.matchAll(/'signing:([\w.-]+)'/g)].map((m) => m[1]!)));
    expect(codes.size).toBeGreaterThan(15);
    const i18n = await createI18n('ru');
    for (const code of codes) expect(i18n.exists(`signing:${code}`), code).toBe(true);
    expect(i18n.t('signing:crlStale', { ageHours: 30, maxHours: 24 })).toContain('30');
  });
});
