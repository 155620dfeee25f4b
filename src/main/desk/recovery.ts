/**
 * After the app stopped mid-session (crash, power cut, kill): sessions left `running` are closed as
 * interrupted, and every call that had not ended is settled. A call the provider accepted is read back once:
 * ended → recorded; still going → followed; unreadable → interrupted. A call the provider may have received
 * but never confirmed is interrupted. Interrupted calls count as attempts, so the cooldown protects the
 * customer from a second call.
 */
import { isTerminalStatus } from '../domain/outcome';
import type { Logger } from '../log';
import type { Store } from '../store';
import type { Clock } from '../engine/clock';
import { followCall, recordEndedCall } from '../engine/call-follower';
import { providerErrorFacts, type CallProvider } from '../engine/provider';

export async function recoverAfterRestart(deps: {
  store: Store;
  clock: Clock;
  provider: CallProvider;
  logger: Logger;
}): Promise<void> {
  const { store, clock, provider, logger } = deps;
  for (const session of store.sessions.running()) {
    store.sessions.end(
      session.id,
      'interrupted',
      clock.now(),
      'the app stopped while this session was dialling',
    );
    logger.log({
      at: clock.now(),
      level: 'warn',
      message: `Session ${session.id} was interrupted by a restart`,
    });
  }
  const followUps: Promise<unknown>[] = [];
  for (const call of store.calls.unfinished()) {
    if (!call.providerCallId) {
      store.calls.markFailed(
        call.id,
        'interrupted',
        clock.now(),
        'the app stopped before the provider confirmed the call',
      );
      continue;
    }
    try {
      const current = await provider.getCall(call.providerCallId);
      if (isTerminalStatus(current.status)) recordEndedCall(store, call.id, current, clock.now());
      else {
        followUps.push(
          followCall(
            { store, clock, provider, logger, pollIntervalMs: 5_000, maxFollowMs: 60 * 60_000 },
            call.id,
            call.providerCallId,
          ),
        );
      }
    } catch (error) {
      const facts = providerErrorFacts(error);
      store.calls.markFailed(
        call.id,
        'interrupted',
        clock.now(),
        `result lost after a restart: ${facts.message}`,
      );
    }
  }
  void Promise.allSettled(followUps);
}
