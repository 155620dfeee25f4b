/**
 * What the courier is asked to do about each kind of action (pure): the day, time, address, phone and remark
 * iThink receives, the next working day when the customer named none (and that the request says so), and the
 * actions that are never sent as they are.
 */
import { describe, expect, it } from 'vitest';
import { courierRequestFor, nextWorkingDay, type CourierActionInput } from '../../src/main/writeback';

/** Tuesday. */
const TODAY = '2026-11-24';

function action(overrides: Partial<CourierActionInput>): CourierActionInput {
  return {
    kind: 'reschedule',
    awb: 'AWB1000001',
    date: null,
    time: null,
    address: null,
    landmark: null,
    notes: null,
    ...overrides,
  };
}

describe('the next working day', () => {
  it('is tomorrow from Monday to Friday, and Monday from Saturday (no reattempts on Sundays)', () => {
    expect(nextWorkingDay('2026-11-24')).toBe('2026-11-25');
    expect(nextWorkingDay('2026-11-27')).toBe('2026-11-28');
    expect(nextWorkingDay('2026-11-28')).toBe('2026-11-30');
    expect(nextWorkingDay('2026-11-29')).toBe('2026-11-30');
  });

  it('crosses months and years', () => {
    expect(nextWorkingDay('2026-11-30')).toBe('2026-12-01');
    expect(nextWorkingDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('a reschedule', () => {
  it('is a reattempt on the day asked, at the time asked', () => {
    expect(courierRequestFor(action({ date: '2026-11-26', time: '15:00' }), null, TODAY)).toEqual({
      ndr: { kind: 'reattempt', awb: 'AWB1000001', date: '2026-11-26', time: '15:00' },
      says: 'reattempt on 2026-11-26, at 15:00',
    });
  });

  it('goes to the next working day when no day was named, and says so', () => {
    expect(courierRequestFor(action({}), null, TODAY)).toMatchObject({
      ndr: { date: '2026-11-25' },
      says: 'reattempt on 2026-11-25 (the next working day: the customer named no day)',
    });
  });

  it('goes to the next working day when the day asked has passed, and says so', () => {
    expect(courierRequestFor(action({ date: '2026-11-20' }), null, TODAY)).toMatchObject({
      ndr: { date: '2026-11-25' },
      says: 'reattempt on 2026-11-25 (the next working day: the day asked, 2026-11-20, has passed)',
    });
  });
});

describe('a new address', () => {
  it('is a reattempt at the address, landmark included, on the next working day unless a day was named', () => {
    const moved = action({
      kind: 'address-change',
      address: 'Flat 302, Shanti Apartments,\n Sector 21',
      landmark: 'near the Metro',
    });
    expect(courierRequestFor(moved, null, TODAY)).toEqual({
      ndr: {
        kind: 'reattempt',
        awb: 'AWB1000001',
        date: '2026-11-25',
        time: null,
        address: 'Flat 302, Shanti Apartments, Sector 21 (landmark: near the Metro)',
      },
      says: 'reattempt on 2026-11-25 (the next working day: the customer named no day), to the new address',
    });
    expect(courierRequestFor({ ...moved, date: '2026-11-27' }, null, TODAY)).toMatchObject({
      ndr: { date: '2026-11-27' },
    });
  });

  it('is not sent when no address was heard', () => {
    expect(courierRequestFor(action({ kind: 'address-change' }), null, TODAY)).toMatchObject({
      refusal: expect.stringContaining('No new address was heard'),
      needsPhone: false,
    });
  });
});

describe('a cancel', () => {
  it('is an RTO whose remark carries what the customer said', () => {
    expect(courierRequestFor(action({ kind: 'cancel', notes: 'ordered by mistake' }), null, TODAY)).toEqual({
      ndr: {
        kind: 'rto',
        awb: 'AWB1000001',
        remark: 'Customer cancelled on the delivery confirmation call: ordered by mistake',
      },
      says: 'return to origin (RTO): the customer cancelled',
    });
  });

  it('keeps the remark short', () => {
    const request = courierRequestFor(action({ kind: 'cancel', notes: 'x'.repeat(500) }), null, TODAY);
    expect('ndr' in request && request.ndr.kind === 'rto' && request.ndr.remark.length).toBe(200);
  });
});

describe('a wrong number and a number VAPI could not dial', () => {
  it.each(['wrong-number', 'fix-phone'] as const)(
    'a %s needs the right phone, and is never an RTO',
    (kind) => {
      expect(courierRequestFor(action({ kind }), null, TODAY)).toMatchObject({
        refusal: expect.stringContaining("enter the customer's right phone"),
        needsPhone: true,
      });
      expect(courierRequestFor(action({ kind }), '98111 22334', TODAY)).toEqual({
        ndr: { kind: 'reattempt', awb: 'AWB1000001', date: '2026-11-25', phone: '98111 22334' },
        says: 'reattempt on 2026-11-25 (the next working day), through the new phone 98111 22334',
      });
    },
  );
});

it('a callback is never sent: the desk calls back itself', () => {
  expect(courierRequestFor(action({ kind: 'callback', time: '16:00' }), '9811122334', TODAY)).toMatchObject({
    refusal: expect.stringContaining('calls the customer back'),
    needsPhone: false,
  });
});
