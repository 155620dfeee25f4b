/**
 * When the call tracker reads calls in flight: at whole intervals of each call's own age, so a call that
 * lasts a whole number of intervals is seen ended the moment it ends, whatever other calls started when; and
 * never two reads closer than a quarter interval.
 */
import { describe, expect, it } from 'vitest';
import { CallTracker, type FollowEnd } from '../../src/main/engine/call-tracker';
import type { CallProvider } from '../../src/main/engine/provider';
import { VirtualClock } from '../../src/main/engine/virtual-clock';
import { silentLogger } from '../../src/main/log';
import type { VapiCall } from '../../src/main/vapi/types';

const START = Date.UTC(2026, 10, 24, 4, 30);
const INTERVAL = 1_000;

/** A provider whose calls end `lastsMs` after they were created; it notes when it was read. */
function provider(clock: VirtualClock, lastsMs: number) {
  const createdAt = new Map<string, number>();
  const reads: number[] = [];
  const view = (id: string): VapiCall => {
    const created = createdAt.get(id)!;
    const ended = clock.now() >= created + lastsMs;
    return {
      id,
      status: ended ? 'ended' : 'in-progress',
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(ended ? created + lastsMs : created).toISOString(),
      ...(ended ? { endedReason: 'customer-ended-call' } : {}),
      raw: {},
    };
  };
  const calls: CallProvider = {
    createCall: () => Promise.reject(new Error('not used')),
    getCall: (id) => {
      reads.push(clock.now());
      return Promise.resolve(view(id));
    },
    listCalls: () => {
      reads.push(clock.now());
      return Promise.resolve([...createdAt.keys()].map(view));
    },
  };
  const place = (id: string): VapiCall => {
    createdAt.set(id, clock.now());
    return view(id);
  };
  return { calls, place, reads };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('the call tracker', () => {
  it('sees each call end at its own whole intervals, not on one beat for all', async () => {
    const clock = new VirtualClock(START);
    const fake = provider(clock, 2 * INTERVAL);
    const tracker = new CallTracker({ clock, provider: fake.calls, logger: silentLogger });
    const seen = new Map<string, number>();
    const follow = (id: string) =>
      void tracker
        .follow(fake.place(id), START + 60_000, () => undefined)
        .then((end: FollowEnd) => 'ended' in end && seen.set(id, clock.now()));

    follow('a');
    await clock.advanceTo(START + 600, settle);
    follow('b');
    await clock.advanceTo(START + 10_000, settle);

    // On one beat started with `a`, `b` (ended at 2.6 s) would be seen at 3 s.
    expect(seen.get('a')).toBe(START + 2_000);
    expect(seen.get('b')).toBe(START + 2_600);
    const gaps = fake.reads.slice(1).map((at, index) => at - fake.reads[index]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL / 4);
  });

  it('reads calls that started within a quarter interval of each other together, at the later turn', async () => {
    const clock = new VirtualClock(START);
    const fake = provider(clock, 2 * INTERVAL);
    const tracker = new CallTracker({ clock, provider: fake.calls, logger: silentLogger });
    const ends: Promise<FollowEnd>[] = [];
    ends.push(tracker.follow(fake.place('a'), START + 60_000, () => undefined));
    await clock.advanceTo(START + 100, settle);
    ends.push(tracker.follow(fake.place('b'), START + 60_000, () => undefined));
    await clock.advanceTo(START + 10_000, settle);

    expect((await Promise.all(ends)).every((end) => 'ended' in end)).toBe(true);
    expect(fake.reads.map((at) => at - START)).toEqual([1_100, 2_100]);
  });
});
