/**
 * The order types and the one rule they carry on their own: only OFD and Undelivered orders are ever called.
 */
import { describe, expect, it } from 'vitest';
import { ORDER_TYPES, isCallableType } from '../../src/main/domain/order';

describe('order types', () => {
  it('lists every type in the order the console shows them', () => {
    expect(ORDER_TYPES).toEqual([
      'OFD',
      'Undelivered',
      'In Transit',
      'Ready to Dispatch',
      'Delivered',
      'RTO',
      'Unknown',
    ]);
  });

  it.each(['OFD', 'Undelivered'] as const)('calls %s orders', (type) => {
    expect(isCallableType(type)).toBe(true);
  });

  it.each(['In Transit', 'Ready to Dispatch', 'Delivered', 'RTO', 'Unknown'] as const)(
    'never calls %s orders',
    (type) => {
      expect(isCallableType(type)).toBe(false);
    },
  );
});
