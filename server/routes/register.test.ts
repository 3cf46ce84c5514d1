import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Manifest } from '@shared/manifest/manifest';
import { generateIin } from '@shared/identity/index';
import { feeInTenge } from '@shared/register/fees';
import { generatePopulation } from '@shared/register/generator';
import { toManifestForm, type RegisterFormPart } from '@shared/register/manifest-form';
import { checksPageSchema, registerLookupSchema, type CheckItem } from '@shared/register/schemas';
import { buildServer, type LicensingServer } from '../app';
import { describeOnBackends } from '../db/backends.testkit';
import { recordPayments } from '../payments/gateway';
import { databaseRegisterGateway, type RegisterGateway } from '../register/gateway';

const centres = [
  { id: 'CON-A', name: 'ЦОН A', key: 'key-a-0123456789abcdef' },
  { id: 'CON-B', name: 'ЦОН B', key: 'key-b-0123456789abcdef' },
];
const population = generatePopulation();
const person = population.individuals[7]!;
const company = population.legalEntities[3]!;
// Valid, but a serial below the generator's range: the register has never heard of this person.
const stranger = generateIin({ birthDate: '1991-02-03', sex: 'male', serial: 12 });

function client(base: string) {
  async function session(centre: (typeof centres)[number]) {
    const res = await fetch(`${base}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ centreId: centre.id }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { token: string }).token;
  }
  const get = (token: string, path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const post = (token: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const submit = (token: string, m: Manifest) => post(token, '/v1/applications', { manifest: m }, { 'idempotency-key': m.applicationId });
  async function checks(token: string, cursor?: string): Promise<{ items: CheckItem[]; cursor: string }> {
    const res = await get(token, `/v1/checks${cursor ? `?cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    return checksPageSchema.parse(await res.json());
  }
  return { session, get, post, submit, checks };
}

function manifest(centreId: string, applicant: Manifest['applicant'], part: RegisterFormPart, serviceId = 'school-enrolment', subOperation?: string): Manifest {
  return {
    schema: 'qabyldau.application/1',
    applicationId: randomUUID(),
    centreId,
    serviceId,
    subOperation: subOperation ?? (serviceId === 'school-enrolment' ? 'enrol' : 'issue'),
    applicant,
    form: toManifestForm(part),
    documentsPresented: ['application'],
    attachments: [],
    acceptedAt: new Date().toISOString(),
  };
}

const checkOf = (items: CheckItem[], id: string, kind: CheckItem['kind']) => items.filter((i) => i.applicationId === id && i.kind === kind).at(-1);


describeOnBackends('register and payment checks over HTTP', (backend) => {
  let server: LicensingServer;
  let api: ReturnType<typeof client>;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    server = await buildServer({ centres, insecureAcceptUnsigned: 'accept-unsigned-for-tests-only', ...(await backend.options()) });
    api = client(await server.app.listen({ host: '127.0.0.1', port: 0 }));
    tokenA = await api.session(centres[0]!);
    tokenB = await api.session(centres[1]!);
  });
  afterAll(() => server.close());

  it('looks an individual and a legal entity up in the seeded register', async () => {
    const res = await api.get(tokenA, `/v1/register/individuals/${person.iin}`);
    expect(res.status).toBe(200);
    const body = registerLookupSchema.parse(await res.json());
    expect(body).toMatchObject({ kind: 'individual', record: person });
    expect(Date.now() - Date.parse(body.retrievedAt)).toBeLessThan(10_000);

    const org = registerLookupSchema.parse(await (await api.get(tokenA, `/v1/register/legal-entities/${company.bin}`)).json());
    expect(org).toMatchObject({ kind: 'legal-entity', record: company });
    const rows = await server.db.selectFrom('register_lookups').selectAll().where('centre_id', '=', 'CON-A').execute();
    expect(rows.map((r) => [r.kind, r.subject_id, r.found])).toEqual(expect.arrayContaining([['individual', person.iin, true], ['legal-entity', company.bin, true]]));
  });

  it('answers 404 with the regulation message code for an unknown number and 422 for an invalid one', async () => {
    const absent = await api.get(tokenA, `/v1/register/individuals/${stranger}`);
    expect(absent.status).toBe(404);
    expect((await absent.json()).error).toMatchObject({ code: 'register:check.noData', params: { id: stranger } });
    const badSum = await api.get(tokenA, `/v1/register/individuals/${stranger.slice(0, 11)}${(Number(stranger[11]) + 1) % 10}`);
    expect(badSum.status).toBe(422);
    expect((await badSum.json()).error.code).toBe('identity:iin.checksum');
    const binAsIin = await api.get(tokenA, `/v1/register/legal-entities/${person.iin}`);
    expect(binAsIin.status).toBe(422);
    expect((await binAsIin.json()).error.code).toMatch(/^identity:bin\./);
  });

  it('needs a session for lookups, checks and payments', async () => {
    expect((await api.get("", `/v1/register/individuals/${person.iin}`)).status).toBe(401);
    expect((await api.get('x'.repeat(24), '/v1/checks')).status).toBe(401);
    expect((await api.post('x'.repeat(24), '/v1/payments/check', {})).status).toBe(401);
  });

  it('on arrival: an unknown ИИН and a name mismatch become failed checks in the centre feed; a match passes', async () => {
    const unknown = manifest('CON-A', { kind: 'individual', id: stranger }, { registerCheck: 'pending', applicant: { surname: 'Белгісіз', name: 'Адам' }, provenance: { surname: 'typed', name: 'typed' } });
    const wrongName = manifest('CON-A', { kind: 'individual', id: person.iin }, { registerCheck: 'pending', applicant: { surname: 'Басқаев', name: person.name }, provenance: { surname: 'typed', name: 'typed' } });
    const matching = manifest(
      'CON-A',
      { kind: 'individual', id: person.iin },
      // typed differently, read the same: case and spacing do not count
      { registerCheck: 'pending', applicant: { surname: ` ${person.surname.toUpperCase()} `, name: person.name }, provenance: { surname: 'typed', name: 'typed' } },
    );
    const untouched = manifest('CON-A', { kind: 'individual', id: stranger }, { applicant: {}, provenance: {} });
    for (const m of [unknown, wrongName, matching, untouched]) expect((await api.submit(tokenA, m)).status).toBe(201);

    const page = await api.checks(tokenA);
    expect(checkOf(page.items, unknown.applicationId, 'register')).toMatchObject({ status: 'failed', code: 'register:check.noData', params: { id: stranger } });
    expect(checkOf(page.items, wrongName.applicationId, 'register')).toMatchObject({ status: 'failed', code: 'register:check.mismatch', params: { fields: 'surname' } });
    expect(checkOf(page.items, matching.applicationId, 'register')).toMatchObject({ status: 'passed', code: 'register:check.passed' });
    expect(page.items.some((i) => i.applicationId === untouched.applicationId), 'an application that asked for no check gets none').toBe(false);
    // the application itself is still received and registered: nothing is lost while the desk sorts it out
    const receipt = await (await api.get(tokenA, `/v1/applications/${unknown.applicationId}`)).json();
    expect(receipt.status).toBe('registered');

    // another centre sees none of it, and the cursor moves on
    expect((await api.checks(tokenB)).items.filter((i) => [unknown, wrongName, matching].some((m) => m.applicationId === i.applicationId))).toEqual([]);
    expect((await api.checks(tokenA, page.cursor)).items).toEqual([]);

    // an operator retry (the same manifest again) re-asks the register, and the failure comes round again
    expect((await api.submit(tokenA, unknown)).status).toBe(200);
    const again = await api.checks(tokenA, page.cursor);
    expect(again.items.map((i) => [i.applicationId, i.status])).toEqual([[unknown.applicationId, 'failed']]);
    expect(again.items[0]!.attempts).toBe(2);
  });

  it('checks a legal entity by its name, ignoring quotes and case', async () => {
    const ok = manifest('CON-A', { kind: 'legal-entity', id: company.bin }, { registerCheck: 'confirmed', applicant: { orgName: company.name.replace(/[«»]/g, '"').toLowerCase() }, provenance: { orgName: 'register' } }, 'radio-frequency-permit');
    const bad = manifest('CON-A', { kind: 'legal-entity', id: company.bin }, { registerCheck: 'confirmed', applicant: { orgName: '«Мүлдем басқа» ЖШС' }, provenance: { orgName: 'typed' } }, 'radio-frequency-permit');
    await api.submit(tokenA, ok);
    await api.submit(tokenA, bad);
    const { items } = await api.checks(tokenA);
    expect(checkOf(items, ok.applicationId, 'register')?.status).toBe('passed');
    expect(checkOf(items, bad.applicationId, 'register')).toMatchObject({ status: 'failed', params: { fields: 'orgName' } });
  });

  it('payment: confirmed, absent and recorded against an unsourced rate, online and on arrival', async () => {
    const paidOn = '2025-03-14';
    const due = feeInTenge(10, paidOn)!.tenge;
    expect(due).toBe(39_320);
    await recordPayments(server.db, [
      { documentNumber: 'PAY-OK-1', paidOn, amountTenge: due, payerId: company.bin },
      { documentNumber: 'PAY-SHORT-1', paidOn, amountTenge: due - 1, payerId: company.bin },
    ]);
    const ask = (documentNumber: string, extra: object = {}) =>
      api.post(tokenA, '/v1/payments/check', { documentNumber, paidOn, amountTenge: due, payerId: company.bin, serviceId: 'edu-licence-school', subOperation: 'issue', ...extra });

    const ok = await (await ask('PAY-OK-1')).json();
    expect(ok).toMatchObject({ outcome: 'confirmed', required: { mrp: 10, tenge: due, mrpTenge: 3932, placeholder: true } });
    expect(await (await ask('PAY-NONE')).json()).toMatchObject({ outcome: 'not-found', code: 'register:payment.notFound' });
    // No regulation states the licence-fee rate: a smaller payment is recorded as evidence, not judged short.
    expect(await (await ask('PAY-SHORT-1')).json()).toMatchObject({ outcome: 'confirmed', code: 'register:payment.recordedUnsourced', params: { paid: due - 1, reference: due } });
    expect(await (await ask('PAY-OK-1', { payerId: person.iin })).json()).toMatchObject({ outcome: 'payer-mismatch' });
    expect((await ask('PAY-OK-1', { serviceId: 'no-such-service' })).status).toBe(422);

    const licence = (documentNumber: string | null) =>
      manifest(
        'CON-A',
        { kind: 'legal-entity', id: company.bin },
        {
          registerCheck: 'confirmed',
          applicant: { orgName: company.name },
          provenance: { orgName: 'register' },
          paymentCheck: documentNumber ? 'pending' : 'missing',
          ...(documentNumber ? { payment: { documentNumber, paidOn, amountTenge: due, payerId: company.bin } } : {}),
        },
        'edu-licence-school',
      );
    const paid = licence('PAY-OK-1');
    const short = licence('PAY-SHORT-1');
    const unpaid = licence(null);
    for (const m of [paid, short, unpaid]) expect((await api.submit(tokenA, m)).status).toBe(201);
    const { items } = await api.checks(tokenA);
    expect(checkOf(items, paid.applicationId, 'payment')?.status).toBe('passed');
    // On arrival too: against an unsourced rate the smaller payment is evidence, not a failed check.
    expect(checkOf(items, short.applicationId, 'payment')).toMatchObject({ status: 'passed', code: 'register:payment.recordedUnsourced' });
    expect(checkOf(items, unpaid.applicationId, 'payment')).toMatchObject({ status: 'failed', code: 'register:payment.missing' });
    expect(checkOf(items, paid.applicationId, 'register')?.status).toBe('passed');
  });

  it('records a fee paid after the decision on the application, only for its own centre', async () => {
    const permit = manifest('CON-A', { kind: 'legal-entity', id: company.bin }, { applicant: {}, provenance: {} }, 'radio-frequency-permit');
    await api.submit(tokenA, permit);
    const body = { documentNumber: 'PAY-NONE-2', paidOn: '2025-05-05', amountTenge: 1, payerId: company.bin, serviceId: 'radio-frequency-permit', subOperation: 'issue', applicationId: permit.applicationId };
    expect((await api.post(tokenB, '/v1/payments/check', body)).status).toBe(404);
    expect((await api.post(tokenA, '/v1/payments/check', body)).status).toBe(200);
    expect(checkOf((await api.checks(tokenA)).items, permit.applicationId, 'payment')).toMatchObject({ status: 'failed', code: 'register:payment.notFound' });
  });
});

describeOnBackends('a register that is down or slow', (backend) => {
  let server: LicensingServer;
  let api: ReturnType<typeof client>;
  let mode: 'down' | 'slow' | 'up' = 'down';

  beforeAll(async () => {
    server = await buildServer({ centres, ...(await backend.options()), insecureAcceptUnsigned: 'accept-unsigned-for-tests-only', register: { timeoutMs: 300, register: { findIndividual: (iin) => flaky().findIndividual(iin), findLegalEntity: (bin) => flaky().findLegalEntity(bin) } } });
    api = client(await server.app.listen({ host: '127.0.0.1', port: 0 }));
  });
  afterAll(() => server.close());
  function flaky(): RegisterGateway {
    const real = databaseRegisterGateway(server.db);
    if (mode === 'up') return real;
    if (mode === 'down') return { findIndividual: () => Promise.reject(new Error('HTTP 500 from ЭҮШ')), findLegalEntity: () => Promise.reject(new Error('HTTP 500')) };
    // A register that never answers: the desk's answer can only come from the server's own timeout.
    const never = <T>() => new Promise<T>(() => undefined);
    return { findIndividual: () => never(), findLegalEntity: () => never() };
  }

  it('answers 503 at the desk, keeps the deferred check pending, and resolves it on a later poll', async () => {
    const token = await api.session(centres[0]!);
    mode = 'down';
    const res = await api.get(token, `/v1/register/individuals/${person.iin}`);
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('register:lookup.unavailable');
    mode = 'slow';
    expect((await api.get(token, `/v1/register/individuals/${person.iin}`)).status).toBe(503);

    const m = manifest('CON-A', { kind: 'individual', id: stranger }, { registerCheck: 'pending', applicant: { surname: 'Белгісіз' }, provenance: { surname: 'typed' } });
    expect((await api.submit(token, m)).status).toBe(201);
    const first = await api.checks(token);
    expect(checkOf(first.items, m.applicationId, 'register')).toMatchObject({ status: 'pending', code: null, params: {} });
    expect((await api.checks(token, first.cursor)).items).toEqual([]);

    mode = 'up';
    const later = await api.checks(token, first.cursor);
    expect(later.items.map((i) => [i.kind, i.status, i.code])).toEqual([['register', 'failed', 'register:check.noData']]);
    expect(later.items[0]!.attempts).toBeGreaterThanOrEqual(3);
  });
});
