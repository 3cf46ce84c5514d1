import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type QabyldauDb } from '../db/database';
import { testVault } from '../privacy/vault.testkit';
import { clearDeskState, emptyDeskState, loadDeskState, updateDeskState } from './desk-state';
import {
  paymentFieldsReducer,
  paymentFieldText,
  withPaymentField,
  type PaymentFieldKey,
} from './payment-fields';

const vault = await testVault();
let db: QabyldauDb;
let n = 0;
beforeEach(() => {
  db = openDatabase(vault, `desk-state-${n++}`);
});
afterEach(() => db.close());

describe('payment evidence typed quickly', () => {
  it('keeps every field when keystrokes in different fields are written against the same rendered snapshot', async () => {
    const draft = 'draft-race';
    const typed: [PaymentFieldKey, string][] = [
      ['documentNumber', 'К'],
      ['documentNumber', 'КВ-1'],
      ['paidOn', '2026-01-15'],
      ['amountTenge', '43250'],
      ['payerId', '990140000135'],
    ];
    // All five writes start before any of them lands, as keystrokes do while the live query has not re-rendered:
    // each one is a change to the stored state, so none can overwrite another with the empty snapshot it saw.
    await Promise.all(
      typed.map(([field, text]) =>
        updateDeskState(db, draft, (current) => {
          const base = current ?? emptyDeskState('990140000135');
          return { ...base, payment: withPaymentField(base.payment, field, text), paymentOutcome: undefined };
        }),
      ),
    );
    expect((await loadDeskState(db, draft))?.payment).toEqual({
      documentNumber: 'КВ-1',
      paidOn: '2026-01-15',
      amountTenge: 43250,
      payerId: '990140000135',
    });
  });

  it('a register answer arriving meanwhile keeps the payment and an override already recorded', async () => {
    const draft = 'draft-lookup';
    await updateDeskState(db, draft, () => ({
      ...emptyDeskState('1'),
      payment: { documentNumber: 'A' },
      overrides: [{ check: 'payment', reason: 'receipt-seen-gateway-down', note: 'квитанция көрілді' }],
    }));
    await updateDeskState(db, draft, (c) => ({ ...c!, lookup: { state: 'unavailable' } }));
    expect(await loadDeskState(db, draft)).toMatchObject({
      payment: { documentNumber: 'A' },
      lookup: { state: 'unavailable' },
      overrides: [{ check: 'payment' }],
    });
    await clearDeskState(db, draft);
    expect(await loadDeskState(db, draft)).toBeNull();
  });

  it('the inputs reducer applies each keystroke to the latest text and keeps half-typed amounts as typed', () => {
    let s = paymentFieldText({ amountTenge: 100 });
    expect(s).toEqual({ documentNumber: '', paidOn: '', amountTenge: '100', payerId: '' });
    for (const ch of 'QR-7')
      s = paymentFieldsReducer(s, { type: 'type', field: 'documentNumber', text: s.documentNumber + ch });
    s = paymentFieldsReducer(s, { type: 'type', field: 'payerId', text: '9901 4000 0135 77' });
    s = paymentFieldsReducer(s, { type: 'type', field: 'amountTenge', text: '43 2' });
    expect(s).toEqual({ documentNumber: 'QR-7', paidOn: '', amountTenge: '43 2', payerId: '990140000135' });
    expect(withPaymentField({ amountTenge: 5 }, 'amountTenge', '')).toEqual({});
    expect(withPaymentField({}, 'amountTenge', '43 250,5')).toEqual({ amountTenge: 43250.5 });
  });
});
