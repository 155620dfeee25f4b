/**
 * The rest of today's forecast (domain/forecast.ts) for the Queue's head, made in the view worker from its
 * own connection, so that a Queue read never plans on the dialler's thread (a forecast is several plans of
 * the callable orders that can still be called, from the call summaries: store/call-summaries.ts
 * stillCallableForPlanning). Kept as foresight.ts keeps the desk's own: until the data or
 * the settings change, or the clock passes a moment that changes the picture (a session ahead, a cooldown's
 * end), at most IDLE_TTL_MS; while a session dials and the data changes every few hundred milliseconds, a
 * forecast at most BUSY_TTL_MS old serves.
 */
import type { DayForecast } from '../../../shared/desk-types';
import { forecastDay } from '../../domain/forecast';
import type { CallingSettings } from '../../domain/settings';
import type { SqliteDatabase } from '../../store/database';
import { forecastView } from '../views';
import type { RunningNumbers } from './plan-cache';
import { CallSummaryRepository } from '../../store/call-summaries';
import { runningSessionOf } from './plan-inputs';

export interface ForecastContext {
  settings: CallingSettings;
  now: number;
  /** Slots and callback sessions run only while the scheduler runs. */
  schedulerRunning: boolean;
  session?: RunningNumbers;
}

/**
 * Longer than foresight.ts's (30 s and 10 s): on a big desk a forecast is seconds of the worker's time (the
 * worker is one thread: its pages wait meanwhile), and with nothing changing, only the moments it names (a
 * session ahead, a cooldown's end) change it; while a session dials, its 'up to' figures move little.
 */
const IDLE_TTL_MS = 300_000;
const BUSY_TTL_MS = 120_000;

interface Kept {
  dataVersion: number;
  key: { settings: string; progress: string };
  at: number;
  validUntil: number;
  value: DayForecast;
}

function keyOf(context: ForecastContext): { settings: string; progress: string } {
  const { session } = context;
  const numbers = (list: readonly { phoneE164: string }[]) => list.map((n) => n.phoneE164).join(',');
  return {
    settings: `${JSON.stringify(context.settings)}#${context.schedulerRunning}#${session?.sessionId ?? ''}`,
    progress: session ? `${numbers(session.dialling)}|${numbers(session.waiting)}` : '',
  };
}

export class ForecastCache {
  private kept: Kept | null = null;
  private readonly summaries: CallSummaryRepository;

  constructor(private readonly db: SqliteDatabase) {
    this.summaries = new CallSummaryRepository(db);
  }

  /**
   * The forecast for this moment (console's view: not-today AWBs cut to what it shows). With `stale`, the
   * one kept for these settings and session serves, however old (the worker makes a new one after the read).
   */
  forecast(dataVersion: number, context: ForecastContext, options: { stale?: boolean } = {}): DayForecast {
    const { now, session } = context;
    const key = keyOf(context);
    const kept = this.kept;
    if (options.stale && kept !== null && kept.key.settings === key.settings) return kept.value;
    if (
      kept !== null &&
      kept.key.settings === key.settings &&
      now >= kept.at &&
      now < kept.validUntil &&
      ((kept.dataVersion === dataVersion && kept.key.progress === key.progress) ||
        (session && now - kept.at < BUSY_TTL_MS))
    ) {
      return kept.value;
    }
    const { orders, history, running } = this.db.transaction(() => ({
      ...this.summaries.stillCallableForPlanning(context.settings.maxAttempts),
      running: runningSessionOf(this.summaries, session),
    }))();
    const value = forecastDay({
      orders,
      history,
      settings: context.settings,
      now,
      schedulerRunning: context.schedulerRunning,
      running,
    });
    // The next session ahead, or a cooldown ending, changes the picture by the clock alone.
    const moments = [
      ...value.sessions.map((ahead) => ahead.at),
      ...value.notToday.map((group) => group.eligibleAt ?? Infinity),
      value.nextDueAt ?? Infinity,
    ].filter((at) => at > now);
    this.kept = {
      dataVersion,
      key,
      at: now,
      validUntil: Math.min(now + IDLE_TTL_MS, ...moments),
      value: forecastView(value),
    };
    return this.kept.value;
  }
}
