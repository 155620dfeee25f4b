/**
 * A big desk as the policy sees it, in memory: `count` orders (every tenth Delivered, the rest OFD, 8,000
 * numbers shared among them) and three days of history (every other order called once a day, one in six of
 * those confirmed). The planning and forecast benchmarks measure the policy on the same desk.
 */
import type { Order } from '../../src/main/domain/order';
import type { PolicyCall } from '../../src/main/domain/policy';

export function policyDesk(count: number, now: number): { orders: Order[]; calls: PolicyCall[] } {
  const orders: Order[] = Array.from({ length: count }, (_, index) => ({
    awb: `AWB${index}`,
    orderId: null,
    courier: null,
    customer: `Customer ${index}`,
    phoneRaw: `98${String(index % 8_000).padStart(8, '0')}`,
    phoneE164: `+9198${String(index % 8_000).padStart(8, '0')}`,
    phoneProblem: null,
    type: index % 10 === 0 ? 'Delivered' : 'OFD',
    rawStatus: 'Out for delivery',
    address: '',
    city: '',
    pincode: '',
    codAmount: null,
    firstSeenAt: now - index * 1000,
    updatedAt: now,
  }));
  const calls: PolicyCall[] = [];
  for (let day = 0; day < 3; day += 1) {
    for (let index = 0; index < count; index += 2) {
      calls.push({
        phoneE164: orders[index]!.phoneE164!,
        awbs: [orders[index]!.awb],
        sessionStartedAt: now - (3 - day) * 86_400_000,
        successful: index % 6 === 0,
        outcome: index % 6 === 0 ? 'answered' : 'busy',
        state: 'ended',
        intent: index % 6 === 0 ? 'confirmed' : null,
        callbackAt: null,
        noCallBefore: null,
        closesOrder: false,
        badNumber: false,
      });
    }
  }
  return { orders, calls };
}
