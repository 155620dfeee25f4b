/**
 * Session-level backpressure (engine/provider-gate.ts): a passing fault pauses everyone, Retry-After is
 * honoured, one probe goes first after a pause, an incident counts once however many requests it failed,
 * and an account-level refusal stops calling for good.
 */
import { describe, expect, it } from 'vitest';
import { backoffForFailure, ProviderGate } from '../../src/main/engine/provider-gate';
import { ManualClock } from '../helpers/manual-clock';

function gate() {
  const clock = new ManualClock(0, { autoAdvanceSleeps: false });
  return { clock, gate: new ProviderGate({ clock, random: () => 0.5 }) };
}

describe('the provider gate', () => {
  it('lets every request through while nothing failed', async () => {
    const { gate: g } = gate();
    expect(await g.turn()).toBe(true);
    expect(await g.turn()).toBe(true);
    expect(g.pause()).toBeNull();
  });

  it('pauses for Retry-After when VAPI gives it, and says why and until when', () => {
    const { gate: g } = gate();
    g.failed('VAPI is rate-limiting', 7_000);
    expect(g.pause()).toEqual({ until: 7_000, reason: 'VAPI is rate-limiting' });
  });

  it('counts requests that failed together as one incident: one step of backoff, not ten', () => {
    const { gate: g } = gate();
    for (let request = 0; request < 10; request += 1) g.failed('VAPI is having trouble on its side', null);
    expect(g.pause()!.until).toBe(backoffForFailure(1, () => 0.5));
  });

  it('doubles the pause when the probe sent after it fails again', async () => {
    const { clock, gate: g } = gate();
    g.failed('VAPI cannot be reached', null);
    const first = g.pause()!.until;
    clock.advance(first);
    expect(await g.turn()).toBe(true);
    g.failed('VAPI cannot be reached', null);
    expect(g.pause()!.until - clock.now()).toBe(backoffForFailure(2, () => 0.5));
    expect(backoffForFailure(2, () => 0.5)).toBeGreaterThan(backoffForFailure(1, () => 0.5));
  });

  it('lets one probe through after a pause; the others wait for its verdict', async () => {
    const { clock, gate: g } = gate();
    g.failed('VAPI is rate-limiting', 1_000);
    clock.advance(1_000);
    const first = g.turn();
    const second = g.turn();
    expect(await first).toBe(true);
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await Promise.resolve();
    expect(secondDone).toBe(false);
    g.succeeded();
    expect(await second).toBe(true);
    expect(g.pause()).toBeNull();
  });

  it('never lets a request through again once the account was refused', async () => {
    const { gate: g } = gate();
    g.stop('VAPI refused calls for this account: Insufficient credits');
    expect(await g.turn()).toBe(false);
    expect(g.stopped).toMatch(/Insufficient credits/);
  });

  it('caps the backoff at a minute, with jitter between half and all of it', () => {
    expect(backoffForFailure(1, () => 0)).toBe(500);
    expect(backoffForFailure(1, () => 1)).toBe(1_000);
    expect(backoffForFailure(30, () => 1)).toBe(60_000);
    expect(backoffForFailure(30, () => 0)).toBe(30_000);
  });
});
