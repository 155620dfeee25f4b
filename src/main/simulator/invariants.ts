/**
 * "Never call a customer twice", checked against what VAPI itself placed rather than what the desk believes:
 * - every call the provider placed is in the desk's history, with the same outcome;
 * - no order is called again after a call that succeeded for it (a new order on the same phone may be);
 * - no phone gets two provider calls within the cooldown (measured, as the rule says, between the starts of
 *   the sessions that made them), unless the customer asked on the first to be called back.
 * Every scenario the project ships must give no violation (tests/integration/never-twice.test.ts); the
 * simulator prints the result under its table.
 */
import type { SimulationReport } from './report';

export function neverTwiceViolations(
  report: Pick<SimulationReport, 'calls' | 'providerCalls'>,
  cooldownMinutes: number,
  timezone: string,
  parseLocal: (text: string, timezone: string) => number | null,
): string[] {
  const violations: string[] = [];
  const desksCalls = new Map(report.calls.map((call) => [call.callId, call]));
  const matched = report.providerCalls.map((placed) => {
    const ours = placed.callId === null ? undefined : desksCalls.get(placed.callId);
    if (!ours) {
      violations.push(`${placed.at} ${placed.phone}: VAPI placed a call the desk has no record of`);
    } else if (ours.outcome !== placed.outcome || ours.successful !== placed.successful) {
      violations.push(
        `${placed.at} ${placed.phone}: VAPI says ${placed.outcome ?? 'still going'}${placed.successful ? ' (successful)' : ''}, the desk recorded ${ours.outcome ?? 'unresolved'}${ours.successful ? ' (successful)' : ''}`,
      );
    }
    return { placed, ours };
  });

  const byPhone = new Map<string, typeof matched>();
  for (const entry of matched)
    byPhone.set(entry.placed.phone, [...(byPhone.get(entry.placed.phone) ?? []), entry]);
  for (const [phone, calls] of byPhone) {
    calls.sort((a, b) => a.placed.at.localeCompare(b.placed.at));
    const succeeded = new Set<string>();
    let previousSession: number | null = null;
    let callbackAsked = false;
    for (const { placed, ours } of calls) {
      if (!ours) continue;
      const again = ours.awbs.filter((awb) => succeeded.has(awb));
      if (again.length > 0) {
        violations.push(
          `${placed.at} ${phone}: called again for ${again.join(', ')} after a successful call`,
        );
      }
      const session = parseLocal(ours.session, timezone);
      // A customer who asked to be called back may be called sooner than the cooldown: they asked.
      const tooSoon =
        session !== null && previousSession !== null && session - previousSession < cooldownMinutes * 60_000;
      if (tooSoon && !callbackAsked) {
        violations.push(`${placed.at} ${phone}: called again within the ${cooldownMinutes}-minute cooldown`);
      }
      if (session !== null) previousSession = session;
      callbackAsked = ours.answer === 'callback';
      if (placed.successful) ours.awbs.forEach((awb) => succeeded.add(awb));
    }
  }
  return violations;
}
