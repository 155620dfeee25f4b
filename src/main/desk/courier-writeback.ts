/**
 * Write-back to the courier at the desk: sends an action to iThink's NDR endpoint when the operator approves
 * it, or on its own when automatic write-back is on, and retries what failed for a moment until it goes.
 *
 * The state lives in the actions table, never only in memory: an approved action is `pending` with the time it
 * is due (`writeback_next_at`) before anything is sent; a passing failure leaves it `failed` with the time of
 * its next try (backing off from 1 minute to an hour, on the desk's clock); a refusal is `refused` until the
 * operator sends it again; a sent action is `sent` and done. A loop on the desk's clock sends whatever is due,
 * so a write-back waiting when the desk stops is sent after it starts again. Automatic write-back queues the
 * actions raised while it is on (those the answer alone decides: reschedule, new address, cancel), never the
 * ones raised before it was switched on.
 */
import { DeskArgumentError } from '../../shared/contract';
import type { ActionView } from '../../shared/desk-types';
import { formatLocalDate } from '../domain/local-time';
import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log';
import type { BoundSecret } from '../secrets';
import type { Store } from '../store';
import {
  AUTO_SENT_KINDS,
  courierFromSettings,
  courierRequestFor,
  ndrShipment,
  type CourierChoice,
  type CourierRequest,
  type NdrResult,
} from '../writeback';

/** What the write-back reads from the desk's settings (DeskSettings). */
export interface WritebackSettings {
  orderSource(): { kind: string; baseUrl: string };
  orderSourceSecret(): BoundSecret | null;
  answers(): { autoWriteback: boolean };
  calling(): { timezone: string };
}

export interface CourierWritebackOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  settings: WritebackSettings;
  /** Views showing actions refetch. */
  changed: () => void;
  /** How often the loop looks for newly raised actions (automatic write-back); 5 s by default. */
  pollMs?: number;
  /** How long iThink may take to answer one request. */
  timeoutMs?: number;
}

const COURIER = 'iThink Logistics';
const POLL_MS = 5_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** How long closing the desk waits for a request already on its way. */
const CLOSE_WAIT_MS = 5_000;
/** When automatic write-back was last seen switched on: actions raised since then are sent. */
const AUTO_SINCE_KEY = 'writeback.autoSince';

/** The wait before try `attempts + 1` after `attempts` failed ones: 1, 2, 4 … minutes, at most an hour. */
export function courierRetryDelayMs(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export class CourierWriteback {
  private timer: TimerHandle | null = null;
  private stopped = false;
  private ticking = false;
  private readonly sending = new Map<number, Promise<void>>();
  /** The last problems logged, each said once. */
  private lastProblem: string | null = null;
  private lastAutoProblem: string | null = null;

  constructor(private readonly options: CourierWritebackOptions) {}

  /** Starts the loop: what was due while the desk was closed goes first. */
  start(): void {
    this.schedule(0);
  }

  /** Settings were saved: automatic write-back switched on now applies to the actions raised from now on. */
  settingsSaved(): void {
    const { store, clock, settings } = this.options;
    const on = settings.answers().autoWriteback;
    const since = store.settings.getJson<number>(AUTO_SINCE_KEY);
    if (on && since === undefined) store.settings.setJson(AUTO_SINCE_KEY, clock.now());
    if (!on && since !== undefined) store.settings.setJson(AUTO_SINCE_KEY, undefined);
    if (on) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    if (this.sending.size === 0) return;
    let waited: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.allSettled([...this.sending.values()]),
      new Promise((resolve) => (waited = setTimeout(resolve, CLOSE_WAIT_MS))),
    ]);
    clearTimeout(waited);
  }

  /**
   * The operator's approval, or "send again" after a failure or refusal: sends now and answers with the
   * action as it then stands. Refuses, changing nothing, what cannot be sent.
   */
  async send(id: number, phone: string | null): Promise<ActionView> {
    const { store, clock } = this.options;
    const action = store.actions.get(id);
    if (!action) throw new DeskArgumentError(`There is no action ${id}`, 'id');
    if (action.writeback.state === 'sent') {
      throw new DeskArgumentError(
        `Action ${id} was already sent to the courier${action.writeback.message ? `: ${action.writeback.message}` : ''}`,
        'id',
      );
    }
    const running = this.sending.get(id);
    if (running) {
      await running;
      return store.actions.get(id)!;
    }
    if (action.state === 'done' && action.writeback.state === 'none') {
      throw new DeskArgumentError(`Action ${id} is already done; nothing to send`, 'id');
    }
    const courier = this.courier();
    if ('refusal' in courier) throw new DeskArgumentError(courier.refusal);
    const request = this.requestFor(action, phone);
    if ('refusal' in request)
      throw new DeskArgumentError(request.refusal, request.needsPhone ? 'phone' : 'id');
    const built = ndrShipment(request.ndr);
    if ('problem' in built) throw new DeskArgumentError(`Not sent: ${built.problem}`, phone ? 'phone' : 'id');
    store.actions.queueWriteback(id, clock.now(), phone);
    await this.attempt(id);
    return store.actions.get(id)!;
  }

  private requestFor(action: ActionView, phone: string | null): CourierRequest {
    const today = formatLocalDate(this.options.clock.now(), this.options.settings.calling().timezone);
    return courierRequestFor(action, phone ?? action.writeback.phone, today);
  }

  /** iThink's NDR client with the order source's credentials, or why the desk cannot send to a courier. */
  private courier(): CourierChoice {
    const { settings, timeoutMs } = this.options;
    return courierFromSettings(settings.orderSource(), settings.orderSourceSecret(), timeoutMs);
  }

  /** One try of one queued write-back; a second call while one runs waits for it. */
  private attempt(id: number): Promise<void> {
    const running = this.sending.get(id);
    if (running) return running;
    const run = this.tryOnce(id).finally(() => this.sending.delete(id));
    this.sending.set(id, run);
    return run;
  }

  private async tryOnce(id: number): Promise<void> {
    const { store, clock } = this.options;
    const action = store.actions.get(id);
    if (!action || (action.writeback.state !== 'pending' && action.writeback.state !== 'failed')) return;
    const courier = this.courier();
    if ('refusal' in courier) {
      // Approved, but the courier cannot be reached from here any more: kept, and tried again later.
      const next = clock.now() + courierRetryDelayMs(action.writeback.attempts);
      store.actions.recordWriteback(id, 'failed', `Waiting: ${courier.refusal}`, next, 0);
      this.options.changed();
      return;
    }
    const request = this.requestFor(action, null);
    if ('refusal' in request) {
      store.actions.recordWriteback(id, 'refused', request.refusal, null, 0);
      this.say('warn', `Action ${id} (${action.kind}, ${action.awb}) not sent: ${request.refusal}`);
      this.options.changed();
      return;
    }
    const result = await courier.client.send(request.ndr);
    this.record(action, request.says, result);
    this.options.changed();
  }

  private record(action: ActionView, says: string, result: NdrResult): void {
    const { store, clock } = this.options;
    const now = clock.now();
    const what = `Action ${action.id} (${action.kind}, ${action.awb})`;
    if (result.kind === 'ok') {
      const note = `Sent to ${COURIER}: ${says}`;
      store.transaction(() => {
        store.actions.recordWriteback(action.id, 'sent', `${note} — “${result.message}”`, null, 1);
        store.actions.markDone(action.id, now, note);
      });
      this.say('info', `${what} sent to ${COURIER}: ${says}`);
      return;
    }
    if (result.kind === 'transient') {
      const attempts = action.writeback.attempts + 1;
      store.actions.recordWriteback(
        action.id,
        'failed',
        result.message,
        now + courierRetryDelayMs(attempts),
        1,
      );
      this.say('warn', `${what}: ${result.message}${result.detail ? ` (${result.detail})` : ''}`);
      return;
    }
    store.actions.recordWriteback(action.id, 'refused', result.message, null, 1);
    this.say('warn', `${what}: ${result.message}${result.detail ? ` (${result.detail})` : ''}`);
  }

  private say(level: 'info' | 'warn', message: string): void {
    this.options.logger.log({ at: this.options.clock.now(), level, message });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer?.cancel();
    this.timer = this.options.clock.setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.ticking) return;
    this.ticking = true;
    const { store, clock } = this.options;
    const poll = this.options.pollMs ?? POLL_MS;
    try {
      this.queueAutomatic();
      for (const id of store.actions.dueWritebacks(clock.now())) {
        if (this.stopped) break;
        await this.attempt(id);
      }
      this.lastProblem = null;
    } catch (error) {
      // A store failure is the store's alert (StoreHealth); here it is said once, and the loop goes on.
      const message = `Write-back to the courier paused: ${error instanceof Error ? error.message : String(error)}`;
      if (message !== this.lastProblem) this.say('warn', message);
      this.lastProblem = message;
    }
    this.ticking = false;
    let next: number | null = null;
    try {
      next = this.stopped ? null : store.actions.nextWritebackAt();
    } catch {
      // said above, or on the next tick
    }
    this.schedule(next === null ? poll : Math.min(poll, Math.max(0, next - clock.now())));
  }

  /** With automatic write-back on, queues the actions raised since it was switched on. */
  private queueAutomatic(): void {
    const { store, clock, settings } = this.options;
    const now = clock.now();
    if (!settings.answers().autoWriteback) return;
    let since = store.settings.getJson<number>(AUTO_SINCE_KEY);
    if (since === undefined) {
      // Switched on other than through Settings (a restored backup): from now on.
      since = now;
      store.settings.setJson(AUTO_SINCE_KEY, since);
    }
    const courier = this.courier();
    if ('refusal' in courier) {
      const problem = `Automatic write-back is on, but nothing is sent: ${courier.refusal}`;
      if (problem !== this.lastAutoProblem) this.say('warn', problem);
      this.lastAutoProblem = problem;
      return;
    }
    this.lastAutoProblem = null;
    const queued = store.actions.queueRaisedSince(AUTO_SENT_KINDS, since, now);
    if (queued > 0) this.options.changed();
  }
}
