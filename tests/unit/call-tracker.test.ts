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
import type { ListCallsQuery, VapiCall } from '../../src/main/vapi/types';

const START = Date.UTC(2026, 10, 24, 4, 30);
const INTERVAL = 1_000;

/**
 * A provider whose calls end `lastsMs` after they were created; it notes when it was read. Its clock runs
 * `skewMs` ahead of the desk's (behind when negative): its timestamps are on its own clock.
 */
function provider(clock: VirtualClock, lastsMs: number, skewMs = 0) {
  const createdAt = new Map<string, number>();
  const reads: number[] = [];
  const queries: ListCallsQuery[] = [];
  const view = (id: string): VapiCall => {
    const created = createdAt.get(id)!;
    const ended = clock.now() + skewMs >= created + lastsMs;
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
    listCalls: (query) => {
      reads.push(clock.now());
      queries.push(query ?? {});
      return Promise.resolve([...createdAt.keys()].map(view));
    },
  };
  const place = (id: string): VapiCall => {
    createdAt.set(id, clock.now() + skewMs);
    return view(id);
  };
  return { calls, place, reads, queries };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** A tracker over `fake`, and `follow(call)`, which notes in `seen` when each call was seen ended. */
function tracking(clock: VirtualClock, fake: ReturnType<typeof provider>) {
  const tracker = new CallTracker({ clock, provider: fake.calls, logger: silentLogger });
  const seen = new Map<string, number>();
  const follow = (call: VapiCall) =>
    void tracker
      .follow(call, START + 60_000, () => undefined)
      .then((end: FollowEnd) => 'ended' in end && seen.set(call.id, clock.now()));
  /** Places and follows each call at its offset from START, in order; then runs the clock to 10 s. */
  const placeAt = async (offsets: Record<string, number>) => {
    for (const [id, offset] of Object.entries(offsets)) {
      await clock.advanceTo(START + offset, settle);
      follow(fake.place(id));
    }
    await clock.advanceTo(START + 10_000, settle);
  };
  /** The least time between two reads. */
  const closestReads = () => Math.min(...fake.reads.slice(1).map((at, index) => at - fake.reads[index]!));
  return { tracker, seen, follow, placeAt, closestReads };
}

describe('the call tracker', () => {
  it('sees each call end at its own whole intervals, not on one beat for all', async () => {
    const clock = new VirtualClock(START);
    const fake = provider(clock, 2 * INTERVAL);
    const { seen, placeAt, closestReads } = tracking(clock, fake);
    await placeAt({ a: 0, b: 600 });

    // On one beat started with `a`, `b` (ended at 2.6 s) would be seen at 3 s.
    expect(seen.get('a')).toBe(START + 2_000);
    expect(seen.get('b')).toBe(START + 2_600);
    expect(closestReads()).toBeGreaterThanOrEqual(INTERVAL / 4);
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

  it("counts a call's age from its start at VAPI, not from when the create's answer came in", async () => {
    const clock = new VirtualClock(START);
    const fake = provider(clock, 2 * INTERVAL);
    const { seen, follow } = tracking(clock, fake);
    // Both calls start at VAPI at once; b's answer reaches the desk 300 ms later (the last of many creates).
    const a = fake.place('a');
    const b = fake.place('b');
    follow(a);
    await clock.advanceTo(START + 300, settle);
    follow(b);
    await clock.advanceTo(START + 10_000, settle);

    // Counted from its answer, b (ended at 2 s) would be read at 1.3 s and 2.3 s: seen 300 ms late, apart from a.
    expect(seen.get('a')).toBe(START + 2_000);
    expect(seen.get('b')).toBe(START + 2_000);
    expect(fake.reads.map((at) => at - START)).toEqual([1_000, 2_000]);
  });

  it.each([5_000, -5_000])(
    "never reads a call before its age turns, when VAPI's clock is %i ms off the desk's",
    async (skewMs) => {
      const clock = new VirtualClock(START);
      const fake = provider(clock, 2 * INTERVAL, skewMs);
      const tracker = new CallTracker({ clock, provider: fake.calls, logger: silentLogger });
      const seen: number[] = [];
      const a = fake.place('a');
      await clock.advanceTo(START + 150, settle);
      // Answered 150 ms after VAPI stamped it: the desk cannot tell that from skew, so it counts from no
      // earlier than VAPI's stamp can mean.
      void tracker.follow(a, START + 60_000, () => undefined).then(() => seen.push(clock.now()));
      await clock.advanceTo(START + 10_000, settle);

      expect(fake.reads.every((at) => at >= START + 150 + INTERVAL - 1)).toBe(true);
      expect(seen).toEqual([START + 2_150]);
    },
  );

  it('lists no call created before the oldest one it follows (an earlier round that just ended)', async () => {
    const clock = new VirtualClock(START);
    const fake = provider(clock, 2 * INTERVAL);
    const tracker = new CallTracker({ clock, provider: fake.calls, logger: silentLogger });
    const ends = [
      tracker.follow(fake.place('a'), START + 60_000, () => undefined),
      tracker.follow(fake.place('b'), START + 60_000, () => undefined),
    ];
    await clock.advanceTo(START + 2_000, settle);
    ends.push(tracker.follow(fake.place('c'), START + 60_000, () => undefined));
    ends.push(tracker.follow(fake.place('d'), START + 60_000, () => undefined));
    await clock.advanceTo(START + 10_000, settle);

    expect((await Promise.all(ends)).every((end) => 'ended' in end)).toBe(true);
    expect(fake.queries.map((query) => query.createdAtGe)).toEqual([
      START,
      START,
      START + 2_000,
      START + 2_000,
    ]);
  });

  it('reads a call whose turn comes just after a read a quarter interval later, not a whole interval', async () => {
    const clock = new VirtualClock(START);
    const fake = provider(clock, 2 * INTERVAL);
    const { seen, placeAt, closestReads } = tracking(clock, fake);
    await placeAt({ a: 0, b: 200, c: 300 });

    // a and b are read together at b's turns (1.2 s, 2.2 s); c's turns (1.3 s, 2.3 s) come too soon after.
    expect(seen.get('b')).toBe(START + 2_200);
    expect(seen.get('c')).toBe(START + 2_450);
    expect(closestReads()).toBeGreaterThanOrEqual(INTERVAL / 4);
  });
});
