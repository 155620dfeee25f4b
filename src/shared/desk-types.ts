/**
 * What the desk shows: the result and event types of the contract between the engine (main process or
 * headless host) and the console. Plain data only, times as epoch milliseconds, so they cross IPC and JSON.
 */

export type OrderType =
  'OFD' | 'Undelivered' | 'In Transit' | 'Ready to Dispatch' | 'Delivered' | 'RTO' | 'Unknown';
/**
 * DESIGN.md, Outcomes: what happened on the line. `error` (VAPI never placed it) and `canceled` (someone
 * cancelled it at VAPI before it reached the customer) are not attempts; `interrupted` (result lost for good)
 * is one, never a success.
 */
export type CallOutcome =
  'answered' | 'busy' | 'no-answer' | 'voicemail' | 'failed' | 'error' | 'interrupted' | 'canceled';

/** What the customer said (the assistant's structured output), one per answered call. */
export type AnswerIntent =
  'confirmed' | 'reschedule' | 'callback' | 'address-change' | 'cancel' | 'wrong-number' | 'unclear';

/** The customer's answer as the desk keeps and shows it. */
export interface CustomerAnswerView {
  intent: AnswerIntent;
  /** YYYY-MM-DD: the day asked for. */
  date: string | null;
  /** HH:MM: when to call back, or a preferred delivery time. */
  time: string | null;
  address: string | null;
  landmark: string | null;
  codReady: boolean | null;
  notes: string | null;
  /** Where it was read from: VAPI's structured outputs, the legacy structuredData, or only the success evaluation. */
  source: 'structuredOutputs' | 'structuredData' | 'successEvaluation';
}

/** Work an answer gives dispatch. `fix-phone`: VAPI could not dial the number (misdialled / rejected). */
export type ActionKind =
  'reschedule' | 'callback' | 'address-change' | 'cancel' | 'wrong-number' | 'fix-phone';
export type ActionState = 'open' | 'done';
/** Where the action stands with the courier (iThink NDR): not sent, waiting, sent, failed (retried), refused. */
export type WritebackState = 'none' | 'pending' | 'sent' | 'failed' | 'refused';
/**
 * `pending` is written before the provider is asked to dial. `unresolved`: VAPI may have placed the call but
 * has not told us how it went (a lost reply, a crash, a call that never ended); it blocks the number and is
 * never a success until the reconciler learns its fate from VAPI.
 */
export type CallState = 'pending' | 'queued' | 'ringing' | 'in-progress' | 'unresolved' | 'ended';
/**
 * Why an order is left out of a session, in precedence order. `stopped`: the customer cancelled or said it is
 * the wrong number; `rescheduled`: the customer asked for a later day; `unresolved`: the number's last call may
 * have rung and VAPI has not yet said how it went, so it is not dialled again until it does.
 */
export type SkipReason =
  | 'notCallable'
  | 'successful'
  | 'stopped'
  | 'maxAttempts'
  | 'invalidPhone'
  | 'rescheduled'
  | 'cooldown'
  | 'unresolved';
export type SkipCounts = Record<SkipReason, number>;
/** `callback`: a session that dials only the customers who asked to be called back at that time. */
export type SessionTrigger = 'scheduled' | 'manual' | 'catch-up' | 'callback';
/** running → completed (queue done), stopped (operator), closed (working hours ended), interrupted (app died). */
export type SessionState = 'running' | 'completed' | 'stopped' | 'closed' | 'interrupted';

export interface LogLine {
  at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface CallInFlight {
  callId: number;
  phoneE164: string;
  awbs: string[];
  customer: string;
  attemptNumber: number;
  state: CallState;
  startedAt: number;
}

export interface LiveSession {
  id: number;
  startedAt: number;
  trigger: SessionTrigger;
  planned: number;
  completed: number;
  successful: number;
  failed: number;
  errors: number;
  /** Calls handed to the reconciler: VAPI has not yet said how they went; their numbers stay blocked. */
  unresolved: number;
  inFlight: CallInFlight[];
  /** VAPI is failing for a moment: no call starts before `until` ("VAPI is rate-limiting; resuming at 10:03"). */
  paused: { until: number; reason: string } | null;
  /** VAPI refused the account (key, credits, subscription): the session started no more calls. */
  stoppedBecause: string | null;
}

export interface DeskStatus {
  now: number;
  timezone: string;
  /** sandbox: no VAPI key, calls go to the local fake VAPI; live: the real API. */
  mode: 'sandbox' | 'live';
  schedulerRunning: boolean;
  withinWorkingHours: boolean;
  workingHours: { start: string; end: string };
  slots: string[];
  /** The next scheduled session starts (empty while the scheduler is stopped). */
  nextRuns: number[];
  runNow: { allowed: boolean; reason: string | null };
  session: LiveSession | null;
  lastSync: SyncStatus | null;
  /** Problems the operator should look at (provider or sync errors), newest first. */
  attention: LogLine[];
  /** Recent engine log lines, newest last. */
  log: LogLine[];
}

export interface QueueOrder {
  awb: string;
  customer: string;
  type: OrderType;
  attemptNumber: number;
}

export interface QueueCall {
  /** Where the number stands in the session's dial order (1 for the first call). */
  position: number;
  phoneE164: string;
  kind: 'new' | 'retry';
  orders: QueueOrder[];
}

export interface CoolingOrder {
  awb: string;
  customer: string;
  phoneE164: string;
  eligibleAt: number;
  attempts: number;
}

/** Why an order is left out of a session, other than a cooldown (it is listed apart, with its countdown). */
export type ExcludedReason = Exclude<SkipReason, 'cooldown'>;

export interface ExcludedOrder {
  awb: string;
  customer: string;
  phone: string;
  reason: ExcludedReason;
  detail: string;
}

/**
 * One page of a long list, sorted and searched by the desk: `nextCursor` asks for the rows after the last
 * one (null at the end); `counts` are the list's tabs, each counted with the same search.
 */
export interface Page<Row, Counts> {
  rows: Row[];
  nextCursor: string | null;
  counts: Counts;
}

/**
 * The Queue's lists: the numbers to call in dial order, the orders cooling down (soonest eligible first), the
 * orders left out (every reason, grouped in QUEUE_EXCLUDED_ORDER) or those of one reason.
 */
export type QueueTab = 'calls' | 'cooling' | 'excluded' | ExcludedReason;
/** Numbers to call (`calls`), orders cooling down, and orders left out per reason. */
export type QueueCounts = Record<'calls' | 'cooling' | ExcludedReason, number>;

interface QueuePageHead {
  /** The session the queue is planned for: the next slot, or now when a session may start now. */
  plannedFor: number;
  /** The whole plan, whatever the search: its counts, and how many of the numbers to call are new. */
  plan: { counts: QueueCounts; newCalls: number };
}

export type QueuePage = QueuePageHead &
  (
    | ({ tab: 'calls' } & Page<QueueCall, QueueCounts>)
    | ({ tab: 'cooling' } & Page<CoolingOrder, QueueCounts>)
    | ({ tab: 'excluded' | ExcludedReason } & Page<ExcludedOrder, QueueCounts>)
  );

export interface SessionSummary {
  id: number;
  startedAt: number;
  trigger: SessionTrigger;
  state: SessionState;
  endedAt: number | null;
  calls: number;
  newCalls: number;
  retryCalls: number;
  successful: number;
  failed: number;
  errors: number;
  skipped: SkipCounts;
  cost: number;
}

export interface SkippedRunView {
  at: number;
  trigger: SessionTrigger;
  reason: string;
}

export interface TodaySummary {
  date: string;
  sessions: SessionSummary[];
  skippedRuns: SkippedRunView[];
  totals: { calls: number; successful: number; failed: number; successRate: number | null; cost: number };
}

export interface OrderView {
  awb: string;
  customer: string;
  phoneRaw: string;
  phoneE164: string | null;
  phoneProblem: string | null;
  type: OrderType;
  rawStatus: string;
  address: string;
  pincode: string;
  codAmount: number | null;
  attempts: number;
  lastOutcome: CallOutcome | null;
  lastCallAt: number | null;
  /** 'queued', 'cooldown until 12:00', 'already successful', ... */
  state: string;
  skipReason: SkipReason | null;
  eligibleAt: number | null;
  firstSeenAt: number;
}

/** The Orders view's tabs: every order, those the next session calls, and those held back per reason. */
export type OrderTab = 'all' | 'queued' | SkipReason;
export type OrderCounts = Record<OrderTab, number>;
/** Oldest first (the order they came in), newest first, or by customer name. */
export type OrderSort = 'oldest' | 'newest' | 'customer';
export type OrdersPage = Page<OrderView, OrderCounts>;

export interface HistoryItem {
  id: number;
  sessionId: number;
  startedAt: number;
  phoneE164: string;
  awbs: string[];
  customer: string;
  attemptNumber: number;
  state: CallState;
  outcome: CallOutcome | null;
  successful: boolean;
  durationSeconds: number | null;
  cost: number | null;
  summary: string | null;
  /** What the customer said, when the call was answered and VAPI's analysis could be read. */
  answer: AnswerIntent | null;
}

/** Every call; the successful ones; the ones that ended without success (errors, never placed, are in neither). */
export type HistoryTab = 'all' | 'successful' | 'failed';
/** How many calls the list holds, with its filters and search. */
export interface HistoryCounts {
  calls: number;
}
export type HistoryPage = Page<HistoryItem, HistoryCounts>;

export interface CallDetail extends HistoryItem {
  endedAt: number | null;
  endedReason: string | null;
  transcript: string | null;
  recordingUrl: string | null;
  structuredData: unknown;
  error: string | null;
  providerCallId: string | null;
  /** The customer's whole answer (date, time, address, ...). */
  customerAnswer: CustomerAnswerView | null;
  /** From pick-up to the end (not ringing). */
  talkSeconds: number | null;
}

/** One piece of work for dispatch, raised by a customer's answer (Needs action). */
export interface ActionView {
  id: number;
  kind: ActionKind;
  state: ActionState;
  awb: string;
  customer: string;
  phoneE164: string | null;
  /** The order's address as the desk has it (an address-change action carries the new one in `address`). */
  orderAddress: string;
  date: string | null;
  time: string | null;
  address: string | null;
  landmark: string | null;
  notes: string | null;
  createdAt: number;
  doneAt: number | null;
  doneNote: string | null;
  /** The call the answer came from: what was said, and its recording. */
  callId: number | null;
  summary: string | null;
  recordingUrl: string | null;
  writeback: {
    state: WritebackState;
    attempts: number;
    /** The courier's words, or why it failed. */
    message: string | null;
    nextAttemptAt: number | null;
  };
}

export interface CallingSettingsView {
  timezone: string;
  slots: string[];
  cooldownMinutes: number;
  maxAttempts: number;
  workingHours: { start: string; end: string };
  concurrency: number;
  phoneRegion: string;
}

export interface SettingsView {
  calling: CallingSettingsView;
  vapi: {
    /** The key itself never leaves the main process; only whether one is set and its last 4 characters. */
    keySet: boolean;
    keyHint: string | null;
    /** Why the key was removed (its address changed), until a new key is entered; null otherwise. */
    keyNotice: string | null;
    assistantId: string;
    phoneNumberId: string;
    baseUrl: string;
  };
  orderSource: {
    kind: 'none' | 'ithink' | 'generic-json';
    baseUrl: string;
    credentialsSet: boolean;
    /** Why the credentials were removed (the source changed), until new ones are entered; null otherwise. */
    credentialsNotice: string | null;
    syncBeforeSessions: boolean;
  };
  shell: {
    keepRunningInTray: boolean;
    launchAtLogin: boolean;
    catchUpGraceMinutes: number;
  };
  backups: {
    /** Automatic database backups kept in the data folder's backups/ (daily, and before schema upgrades). */
    keep: number;
  };
}

export interface ColumnMappingView {
  /** Order field → the CSV header it is read from (null when absent). */
  [field: string]: string | null;
}

export interface ImportProblem {
  line: number;
  reason: string;
}

export interface ImportPreview {
  headers: string[];
  mapping: ColumnMappingView;
  read: number;
  /** The first rows as they will be imported. */
  rows: {
    line: number;
    awb: string;
    customer: string;
    phone: string;
    phoneE164: string | null;
    phoneProblem: string | null;
    type: OrderType;
    rawStatus: string;
  }[];
  problems: ImportProblem[];
}

export interface ImportResult {
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: ImportProblem[];
}

export interface SyncStatus {
  at: number;
  ok: boolean;
  source: string;
  fetched: number;
  added: number;
  updated: number;
  typeChanges: number;
  error: string | null;
}

/** One day of calling, as the desk reports it (Report view, `npm run desk -- report`). */
export interface DailyReport {
  /** YYYY-MM-DD in the desk's time zone. */
  date: string;
  timezone: string;
  /** The seed's table: per session, new and retry calls, successful and failed. */
  sessions: {
    id: number;
    startedAt: number;
    trigger: SessionTrigger;
    state: SessionState;
    calls: number;
    newCalls: number;
    retryCalls: number;
    successful: number;
    failed: number;
    errors: number;
  }[];
  /** Calls per line outcome; `unresolved`: VAPI has not yet said how they went. */
  outcomes: Record<CallOutcome | 'unresolved', number>;
  /** Answered calls per customer answer; `none`: no answer could be read. */
  answers: Record<AnswerIntent | 'none', number>;
  totals: {
    calls: number;
    successful: number;
    failed: number;
    errors: number;
    /** successful / calls that ended; null when none ended. */
    successRate: number | null;
    /** Calls made per order confirmed; null when none was. */
    attemptsPerSuccess: number | null;
    costUsd: number;
    costInr: number;
    /** From pick-up to hang-up, over answered calls; null when none was answered. */
    averageTalkSeconds: number | null;
  };
  /** Actions raised that day, per kind. */
  actions: Record<ActionKind, number>;
  usdToInr: number;
}
