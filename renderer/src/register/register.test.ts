import 'fake-indexeddb/auto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getService } from '@shared/catalogue/index';
import { generateIin } from '@shared/identity/index';
import { createI18n } from '@shared/i18n/translate';
import { fromManifestForm } from '@shared/register/manifest-form';
import { generatePopulation } from '@shared/register/generator';
import type { RegisterLookup } from '@shared/register/schemas';
import { buildServer, type LicensingServer } from '../../../server/app';
import { recordPayments } from '../../../server/payments/gateway';
import { openDatabase, type QabyldauDb } from '../db/database';
import { Outbox } from '../outbox/outbox';
import { ApiClient, probeApi, type ApiSession } from '../api/client';
import { SyncEngine } from '../sync/engine';
import { RegisterApi } from './api';
import { ageOf, cachedAnswer } from './cache';
import { createChecksPuller } from './checks-puller';
import type { DeskState } from './desk-state';
import { lookupApplicant } from './lookup';
import { deskManifestForm } from './manifest';
import { fillFromRegister, provenanceOf, registerManifestForm, type ApplicantDetails } from './provenance';
import { testVault } from '../privacy/vault.testkit';

/** This desk's record keys for the whole file (a reopened database needs the same ones). */
const vault = await testVault();

const centre = { id: 'CON-R', name: 'ЦОН R', key: 'register-centre-key-0123456789' };
const { individuals, legalEntities } = generatePopulation();
const person = individuals[11]!;
const company = legalEntities[5]!;
const stranger = generateIin({ birthDate: '1979-12-30', sex: 'female', serial: 31 });
const empty: ApplicantDetails = { surname: '', name: '', patronymic: '', orgName: '', address: '' };

let server: LicensingServer;
let apiUrl: string;
let silent: Server;
let silentUrl: string;
let db: QabyldauDb;
let n = 0;

async function realSession(url = apiUrl): Promise<ApiSession> {
  const res = await fetch(`${apiUrl}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centre.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ centreId: centre.id }),
  });
  return { apiUrl: url, token: ((await res.json()) as { token: string }).token };
}

beforeAll(async () => {
  server = await buildServer({ centres: [centre], insecureAcceptUnsigned: 'accept-unsigned-for-tests-only' });
  apiUrl = await server.app.listen({ host: '127.0.0.1', port: 0 });
  // A register path that accepts the connection and never answers: the desk's 3 s budget must cut it.
  silent = createServer(() => undefined);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
});
afterAll(async () => {
  silent.closeAllConnections();
  silent.close();
  await server.close();
});
beforeEach(() => {
  db = openDatabase(vault, `register-test-${++n}`);
});

const individualAnswer = (): RegisterLookup => ({ kind: 'individual', record: person, retrievedAt: '2026-11-25T09:00:00.000Z' });

describe('provenance', () => {
  it('fills from the register, then marks each field register or typed as the operator corrects it', () => {
    const filled = fillFromRegister(empty, individualAnswer());
    expect(filled).toMatchObject({ surname: person.surname, name: person.name, address: person.address });
    expect(provenanceOf(filled, individualAnswer())).toEqual({
      surname: 'register',
      name: 'register',
      address: 'register',
      ...(person.patronymic ? { patronymic: 'register' } : {}),
    });
    const corrected = { ...filled, address: 'Астана қ., Жаңа к-сі, 1' };
    expect(provenanceOf(corrected, individualAnswer()).address).toBe('typed');
    expect(provenanceOf(corrected, individualAnswer()).surname).toBe('register');
    // with no answer at all, everything the operator wrote is typed
    expect(provenanceOf({ ...empty, surname: 'Омаров' }, null)).toEqual({ surname: 'typed' });
  });

  it('declares the register state in the manifest form: confirmed only for a fresh confirmed answer', () => {
    const filled = fillFromRegister(empty, individualAnswer());
    const found = { state: 'found' as const, answer: individualAnswer() };
    expect(fromManifestForm(registerManifestForm(filled, found, true))).toMatchObject({ registerCheck: 'confirmed', provenance: { surname: 'register' } });
    expect(fromManifestForm(registerManifestForm(filled, found, false)).registerCheck).toBe('pending');
    expect(fromManifestForm(registerManifestForm(filled, { state: 'cached', answer: individualAnswer(), storedAt: 'x' }, true)).registerCheck).toBe('pending');
    expect(fromManifestForm(registerManifestForm(filled, { state: 'unavailable' }, false)).registerCheck).toBe('pending');
    expect(fromManifestForm(registerManifestForm({ ...empty, surname: 'А' }, { state: 'not-found' }, false))).toMatchObject({ registerCheck: 'not-found', applicant: { surname: 'А' } });
  });

  it('adds the payment evidence, or marks it missing, where a licence fee is due before signing', () => {
    const licence = getService('edu-licence-school');
    const desk: DeskState = { applicantId: company.bin, confirmed: false, payment: { documentNumber: 'P-1', paidOn: '2025-02-02', amountTenge: 39320, payerId: company.bin }, overrides: [] };
    expect(fromManifestForm(deskManifestForm(desk, company.bin, { ...empty, orgName: company.name }, licence, 'issue'))).toMatchObject({
      paymentCheck: 'pending',
      payment: { documentNumber: 'P-1', amountTenge: 39320 },
    });
    expect(fromManifestForm(deskManifestForm(null, company.bin, empty, licence, 'issue')).paymentCheck).toBe('missing');
    // no fee for school enrolment, and the spectrum fee is paid after the decision, not at intake
    expect(fromManifestForm(deskManifestForm(null, person.iin, empty, getService('school-enrolment'), 'enrol')).paymentCheck).toBeUndefined();
    expect(fromManifestForm(deskManifestForm(null, company.bin, empty, getService('radio-frequency-permit'), 'issue')).paymentCheck).toBeUndefined();
  });
});

describe('lookup with a local cache', () => {
  it('caches a fresh answer with its time and shows it, aged, when the register does not answer', async () => {
    const online = new RegisterApi(() => realSession());
    const first = await lookupApplicant(online, db, 'individual', person.iin, () => new Date('2026-11-25T10:00:00Z'));
    expect(first).toMatchObject({ state: 'found', answer: { record: person } });
    const stored = await cachedAnswer(db, person.iin, new Date());
    expect(stored?.answer.record).toEqual(person);

    const hanging = new RegisterApi(() => realSession(silentUrl), 300);
    // The register never answers; only the client's own timeout can produce this result.
    const later = await lookupApplicant(hanging, db, 'individual', person.iin);
    expect(later).toMatchObject({ state: 'cached', answer: { record: person } });
    expect(ageOf('2026-11-25T10:00:00Z', new Date('2026-11-25T10:42:10Z'))).toEqual({ unit: 'minutes', count: 42 });
    expect(ageOf('2026-11-25T10:00:00Z', new Date('2026-11-27T12:00:00Z'))).toEqual({ unit: 'days', count: 2 });

    // nothing cached and no answer: the desk falls back to typing
    expect(await lookupApplicant(hanging, db, 'legal-entity', company.bin)).toEqual({ state: 'unavailable' });
    // an absent subject is reported, and never served from an older cached answer
    expect(await lookupApplicant(online, db, 'individual', stranger)).toEqual({ state: 'not-found' });
  });

  it('never lets a cached answer skip the server check: the manifest still says pending', async () => {
    await lookupApplicant(new RegisterApi(() => realSession()), db, 'individual', person.iin);
    const cached = await lookupApplicant(new RegisterApi(() => realSession(silentUrl), 200), db, 'individual', person.iin);
    const form = registerManifestForm(fillFromRegister(empty, (cached as { answer: RegisterLookup }).answer), cached, true);
    expect(fromManifestForm(form).registerCheck).toBe('pending');
  });
});

describe('deferred checks come back as needs-attention items', () => {
  async function deliver(form: Record<string, string | number | boolean | null>, applicant: { kind: 'individual' | 'legal-entity'; id: string }, serviceId = 'school-enrolment', subOperation = 'enrol') {
    const outbox = new Outbox(db);
    const queued = await outbox.queue({ serviceId, subOperation, applicant, form, documentsPresented: ['application'], centreId: centre.id });
    const registerApi = new RegisterApi(() => realSession());
    const sync = new SyncEngine({ db, outbox, api: new ApiClient(() => realSession()), probe: () => probeApi(apiUrl), extraPulls: [createChecksPuller({ db, outbox, api: registerApi })] });
    await sync.runOnce();
    return queued.id;
  }

  it('an unknown ИИН typed offline: queued as pending, flagged after sync with the regulation message in kk and ru', async () => {
    const form = registerManifestForm({ ...empty, surname: 'Белгісізова', name: 'Әсем' }, { state: 'unavailable' }, false);
    const id = await deliver(form, { kind: 'individual', id: stranger });
    const app = await db.applications.get(id);
    expect(app?.status).toBe('needs-attention');
    expect(app?.registrationNumber).toMatch(/^Q\d{4}-/);
    expect(app?.lastError).toMatchObject({ code: 'register:check.noData', params: { id: stranger } });
    expect(await db.checks.get([id, 'register'])).toMatchObject({ status: 'failed' });
    const history = await db.history.where('applicationId').equals(id).toArray();
    expect(history.at(-1)).toMatchObject({ to: 'needs-attention', reason: 'check:register' });
    const kk = await createI18n('kk');
    const ru = await createI18n('ru');
    expect(kk.t(app!.lastError!.code, app!.lastError!.params)).toContain('деректерді алу мүмкін емес');
    expect(ru.t(app!.lastError!.code, app!.lastError!.params)).toContain('Невозможно получить данные');
    expect(ru.t(app!.lastError!.code, app!.lastError!.params)).toContain(stranger);
  });

  it('a name mismatch is flagged; a matching application stays registered', async () => {
    const wrong = await deliver(registerManifestForm({ ...empty, surname: 'Басқаева', name: person.name }, { state: 'unavailable' }, false), { kind: 'individual', id: person.iin });
    expect((await db.applications.get(wrong))?.lastError?.code).toBe('register:check.mismatch');
    const right = await deliver(registerManifestForm(fillFromRegister(empty, individualAnswer()), { state: 'found', answer: individualAnswer() }, true), { kind: 'individual', id: person.iin });
    expect((await db.applications.get(right))?.status).toBe('registered');
    expect(await db.checks.get([right, 'register'])).toMatchObject({ status: 'passed' });
  });

  it('an unpaid licence fee is flagged with the refusal wording; a found payment passes, recorded as evidence since no regulation states the rate', async () => {
    const licence = getService('edu-licence-school');
    const details = { ...empty, orgName: company.name, address: company.legalAddress };
    const unpaid = await deliver(deskManifestForm({ applicantId: company.bin, confirmed: false, payment: {}, overrides: [] }, company.bin, details, licence, 'issue'), { kind: 'legal-entity', id: company.bin }, licence.id, 'issue');
    const flagged = await db.applications.get(unpaid);
    expect(flagged).toMatchObject({ status: 'needs-attention', lastError: { code: 'register:payment.missing' } });
    expect((await createI18n('ru')).t(flagged!.lastError!.code)).toContain('в связи с отсутствием оплаты');

    await recordPayments(server.db, [{ documentNumber: 'RT-PAID-1', paidOn: '2026-01-15', amountTenge: 43_250, payerId: company.bin }]);
    const desk: DeskState = { applicantId: company.bin, confirmed: false, payment: { documentNumber: 'RT-PAID-1', paidOn: '2026-01-15', amountTenge: 43_250, payerId: company.bin }, overrides: [] };
    const paid = await deliver(deskManifestForm(desk, company.bin, details, licence, 'issue'), { kind: 'legal-entity', id: company.bin }, licence.id, 'issue');
    expect((await db.applications.get(paid))?.status).toBe('registered');
    expect(await db.checks.get([paid, 'payment'])).toMatchObject({ status: 'passed', code: 'register:payment.recordedUnsourced' });
  });
});
