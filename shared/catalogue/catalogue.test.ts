import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createI18n } from '../i18n/translate';
import kkCatalogue from '../i18n/locales/kk/catalogue.json';
import ruCatalogue from '../i18n/locales/ru/catalogue.json';
import {
  catalogue,
  catalogueSchema,
  catalogueVersion,
  getService,
  actStateOn,
  isInForce,
  serviceSchema,
  type Service,
} from './index';
import { normalizeSeedText, seeds } from './test-seeds';

const expectedIds = [
  'edu-licence-higher',
  'edu-licence-religious',
  'edu-licence-vocational',
  'edu-licence-school',
  'edu-licence-state-funded',
  'heritage-licence',
  'kindergarten-queue',
  'school-enrolment',
  'externat-permission',
  'school-certificate-duplicate',
  'telecom-licence',
  'numbering-resource',
  'radio-frequency-permit',
  'radio-device-permit',
];

const deadline = (serviceId: string, opId: string) => {
  const op = getService(serviceId).subOperations.find((o) => o.id === opId);
  if (!op) throw new Error(`${serviceId}/${opId} missing`);
  return op;
};

describe('catalogue content', () => {
  it('holds the 14 services of the seeds, each valid and with a unique id', () => {
    expect(catalogue.map((s) => s.id).sort()).toEqual([...expectedIds].sort());
    expect(new Set(catalogue.map((s) => s.id)).size).toBe(catalogue.length);
    expect(() => catalogueSchema.parse(catalogue)).not.toThrow();
    for (const s of catalogue) expect(serviceSchema.safeParse(s).success, s.id).toBe(true);
  });

  it.each(expectedIds)('%s has names, deadlines with units, steps, refusals and a source', (id) => {
    const s = getService(id);
    expect(s.names.kk.length).toBeGreaterThan(10);
    expect(s.names.ru.length).toBeGreaterThan(10);
    expect(s.names.kk).not.toBe(s.names.ru);
    expect(/[әғқңөұүһі]/.test(s.names.kk)).toBe(true);
    for (const op of s.subOperations) {
      if (op.deadline.counts === 'not-stated') {
        // No invented term: only a note saying the regulation has none.
        expect(op.deadline).not.toHaveProperty('amount');
        expect(op.deadline.note.kk).toContain('[GAP]');
      } else {
        expect(['working-days', 'calendar-days']).toContain(op.deadline.unit);
        expect(op.deadline.amount).toBeGreaterThan(0);
      }
      expect(op.checklist.some((c) => c.required)).toBe(true);
      expect(op.name.kk && op.name.ru).toBeTruthy();
    }
    expect(s.workflow.steps.length).toBeGreaterThanOrEqual(5);
    expect(s.refusalReasons.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(seeds)).toContain(s.source.seed);
    expect(s.source.clause.length).toBeGreaterThan(0);
  });

  it('keeps the Kazakh names, refusal messages, checks and quoted steps verbatim from the seeds', () => {
    const missing: string[] = [];
    const verify = (s: Service, what: string, kk: string) => {
      if (!seeds[s.source.seed]!.includes(normalizeSeedText(kk))) missing.push(`${s.id} ${what}: ${kk}`);
    };
    for (const s of catalogue) {
      verify(s, 'name', s.names.kk);
      for (const r of s.refusalReasons) verify(s, `refusal ${r.id}`, r.message.kk);
      for (const c of s.checks) verify(s, `check ${c.id}`, c.condition.kk);
      for (const st of s.workflow.steps) if (!st.inferred) verify(s, `step ${st.id}`, st.action.kk);
    }
    expect(missing).toEqual([]);
    // Guard against a vacuous pass: the check must reject text the seeds do not contain.
    verify(getService('heritage-licence'), 'probe', 'ойдан шығарылған мәтін');
    expect(missing).toHaveLength(1);
  });

  it('every workflow starts at its first step, reaches every step and ends', () => {
    for (const s of catalogue) {
      const byId = new Map(s.workflow.steps.map((st) => [st.id, st]));
      const seen = new Set<string>();
      const queue = [s.workflow.steps[0]!.id];
      while (queue.length) {
        const id = queue.shift()!;
        if (seen.has(id)) continue;
        seen.add(id);
        for (const n of byId.get(id)!.next) queue.push(n.to);
      }
      expect([...seen].sort(), s.id).toEqual([...byId.keys()].sort());
      expect(
        s.workflow.steps.some((st) => st.next.length === 0),
        s.id,
      ).toBe(true);
      const used = new Set([...s.workflow.steps.map((st) => st.refusal), ...s.checks.map((c) => c.onFail)]);
      for (const r of s.refusalReasons) expect(used.has(r.id), `${s.id} ${r.id} unused`).toBe(true);
    }
  });

  it('uses the deadlines and fee positions each regulation states', () => {
    for (const id of expectedIds.filter((i) => i.startsWith('edu-'))) {
      expect(deadline(id, 'issue').deadline).toMatchObject({
        amount: 15,
        unit: 'working-days',
        basis: 'regulation',
      });
      expect(deadline(id, 'issue').fee?.when).toBe('before-signing');
      expect(getService(id).subOperations.map((o) => o.id)).toEqual(['issue', 'reissue', 'duplicate']);
    }
    expect(deadline('heritage-licence', 'issue').deadline).toMatchObject({
      amount: 15,
      unit: 'working-days',
    });
    expect(deadline('heritage-licence', 'reissue').deadline).toMatchObject({
      amount: 10,
      unit: 'working-days',
    });
    expect(getService('heritage-licence').workflow.channel).toBe('service-centre');
    expect(deadline('school-enrolment', 'enrolment').deadline).toMatchObject({
      counts: 'receipt-term',
      amount: 5,
      unit: 'working-days',
    });
    expect(deadline('externat-permission', 'permission').deadline).toMatchObject({
      amount: 15,
      unit: 'working-days',
    });
    expect(deadline('school-certificate-duplicate', 'duplicate').deadline).toMatchObject({
      amount: 15,
      unit: 'working-days',
    });
    expect(deadline('kindergarten-queue', 'queue-registration').deadline.counts).toBe('not-stated');
    expect(deadline('externat-permission', 'permission').deadline.counts).toBe('from-acceptance');
    for (const op of ['issue', 'reissue', 'duplicate']) {
      expect(deadline('telecom-licence', op).deadline).toMatchObject({
        counts: 'from-registration',
        amount: 15,
        unit: 'calendar-days',
      });
      expect(deadline('telecom-licence', op).fee?.when).toBe('before-signing');
    }
    for (const op of ['allocate', 'assign', 'withdraw']) {
      expect(deadline('numbering-resource', op).deadline).toMatchObject({
        amount: 30,
        unit: 'calendar-days',
      });
      expect(deadline('numbering-resource', op).fee).toBeUndefined();
    }
    expect(deadline('radio-frequency-permit', 'issue').deadline).toMatchObject({
      amount: 60,
      unit: 'calendar-days',
    });
    expect(deadline('radio-frequency-permit', 'issue').fee?.when).toBe('after-approval');
    expect(deadline('radio-device-permit', 'issue').deadline).toMatchObject({
      amount: 16,
      unit: 'calendar-days',
    });
    expect(deadline('radio-device-permit', 'issue').fee).toBeUndefined();
  });

  it('school enrolment: the office flow has no refusal branch, as the regulation has none', () => {
    const steps = getService('school-enrolment').workflow.steps;
    expect(steps.filter((st) => st.kind === 'refusal')).toEqual([]);
    expect(steps.every((st) => st.next.every((n) => n.when === undefined))).toBe(true);
  });

  it('marks every fee rate unsourced: no seed states an amount', () => {
    for (const s of catalogue)
      for (const op of s.subOperations)
        if (op.fee) expect(op.fee.rate.source, `${s.id}/${op.id}`).toBe('unsourced');
  });

  it('names printed forms for results and identifies applicants as the seeds do', () => {
    expect(deadline('kindergarten-queue', 'queue-registration').results.map((r) => r.printedForm)).toEqual([
      'queue-notification',
      'referral',
      'motivated-refusal',
    ]);
    expect(deadline('radio-frequency-permit', 'issue').results[0]!.printedForm).toBe('permit');
    expect(deadline('numbering-resource', 'assign').results[0]!.printedForm).toBe('order');
    expect(deadline('edu-licence-higher', 'duplicate').results[0]).toMatchObject({
      kind: 'duplicate',
      printedForm: 'licence',
    });
    expect(getService('edu-licence-school').applicantKinds).toEqual(['legal-entity']);
    expect(getService('heritage-licence').applicantKinds).toEqual(['individual', 'legal-entity']);
    expect(getService('kindergarten-queue').applicantKinds).toEqual(['individual']);
  });

  it('marks checklist items the seeds defer to a Standard, with a note', () => {
    for (const s of catalogue)
      for (const op of s.subOperations)
        for (const item of op.checklist)
          if (item.deferredToStandard) expect(item.note?.kk && item.note.ru).toBeTruthy();
    expect(deadline('telecom-licence', 'issue').checklist.some((c) => c.deferredToStandard)).toBe(true);
  });
});

describe('catalogue API', () => {
  it('has a dated version string', () => {
    expect(catalogueVersion).toMatch(/^\d{4}\.\d{2}\.\d{2}-\d+$/);
  });

  it('throws a localised AppError for an unknown service', async () => {
    let error: unknown;
    try {
      getService('no-such-service');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('catalogue:unknownService');
    const i18n = await createI18n('ru');
    expect(i18n.t((error as AppError).code, (error as AppError).params)).toContain('no-such-service');
  });

  it('tells whether an act was in force on a date', () => {
    const s = getService('externat-permission');
    expect(isInForce(s, '2017-01-10')).toBe(true);
    expect(isInForce(s, '2014-01-10')).toBe(false);
    expect(isInForce(s, '2021-01-10')).toBe(false);
    // Nobody has checked the kindergarten act's status: unknown is not "in force".
    expect(isInForce(getService('kindergarten-queue'), '2030-01-01')).toBe(false);
    expect(actStateOn(getService('kindergarten-queue'), '2030-01-01')).toBe('unknown');
    expect(actStateOn(s, '2021-01-10')).toBe('repealed');
    expect(actStateOn(s, '2014-01-10')).toBe('not-yet-in-force');
  });

  it('gives every act a status, repealed ones with the date and the repealing act', () => {
    const states = Object.fromEntries(catalogue.map((s) => [s.id, s.actStatus.state]));
    expect(states['kindergarten-queue']).toBe('unknown');
    for (const s of catalogue) {
      if (s.actStatus.state === 'repealed') {
        expect(s.actStatus.on > s.effectiveFrom, s.id).toBe(true);
        expect(s.actStatus.by.kk && s.actStatus.by.ru, s.id).toBeTruthy();
      }
    }
    expect(getService('telecom-licence').actStatus).toMatchObject({ state: 'repealed', on: '2014-03-19' });
    expect(getService('school-enrolment').actStatus).toMatchObject({ state: 'repealed', on: '2020-03-26' });
  });

  it('has the same i18n keys in kk and ru', () => {
    const keys = (tree: object, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([k, v]) =>
        typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`),
      );
    expect(keys(kkCatalogue).sort()).toEqual(keys(ruCatalogue).sort());
  });
});

describe('schema rejects broken data', () => {
  const base = getService('heritage-licence');
  const clone = (): Service => structuredClone(base) as Service;

  it('a step leading nowhere', () => {
    const s = clone();
    s.workflow.steps[0]!.next = [{ to: 'missing-step' }];
    expect(serviceSchema.safeParse(s).success).toBe(false);
  });

  it('a refusal step without a known refusal reason', () => {
    const s = clone();
    s.workflow.steps.find((st) => st.kind === 'refusal')!.refusal = 'unknown';
    expect(serviceSchema.safeParse(s).success).toBe(false);
  });

  it('a deferred checklist item without a note, a select without options, a deadline of unknown basis without note', () => {
    const a = clone();
    delete a.subOperations[0]!.checklist[0]!.note;
    expect(serviceSchema.safeParse(a).success).toBe(false);
    const b = clone();
    delete b.subOperations[0]!.fields[0]!.options;
    expect(serviceSchema.safeParse(b).success).toBe(false);
    const c = clone();
    delete c.subOperations[0]!.deadline.note;
    expect(serviceSchema.safeParse(c).success).toBe(false);
  });

  it('a wrong deadline unit and duplicate service ids', () => {
    const s = clone();
    (s.subOperations[0]!.deadline as { unit: string }).unit = 'days';
    expect(serviceSchema.safeParse(s).success).toBe(false);
    expect(catalogueSchema.safeParse([base, base]).success).toBe(false);
  });
});
