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
  /** What the live board shows, computed by the desk from the store (absent in the engine's own progress). */
  board?: LiveBoard;
}

/** A running session's calls by how they went: the live board's outcome bar. */
export interface LiveOutcomeCounts {
  /** Answered and the customer confirmed (a success). */
  confirmed: number;
  /** Answered, another answer (reschedule, callback, unclear, ...). */
  answered: number;
  noAnswer: number;
  busy: number;
  voicemail: number;
  /** Could not connect, or the result was lost (interrupted). */
  failed: number;
  /** VAPI never placed it (not an attempt). */
  errors: number;
  /** Handed to the reconciler: VAPI has not said how it went. */
  unresolved: number;
}

/** A call of the running session that has just ended. */
export interface EndedCallView {
  callId: number;
  customer: string;
  phoneE164: string;
  awbs: string[];
  outcome: CallOutcome | null;
  successful: boolean;
  answer: AnswerIntent | null;
  endedAt: number;
  durationSeconds: number | null;
}

/** A dialer's real-time report of the running session. */
export interface LiveBoard {
  outcomes: LiveOutcomeCounts;
  /** The last calls that ended, newest first (about ten). */
  justEnded: EndedCallView[];
  /** Calls holding a line now (being placed, queued at VAPI, ringing or talking). */
  linesInUse: number;
  /** The desk's "calls at once" setting. */
  lineLimit: number;
  /** VAPI's own concurrency limit, as it said on the last call placed; null until one was. */
  vapiLineLimit: number | null;
  /** Calls ended per minute over the last few minutes; null until there is enough to say. */
  callsPerMinute: number | null;
  /** Numbers the session has still to dial (not yet on a line). */
  waiting: number;
  /** When the session should be done at the current pace; null when the pace is not known. */
  finishAt: number | null;
}

export interface DeskStatus {
  now: number;
  timezone: string;
  /**
   * sandbox: no VAPI key, calls go to the local fake VAPI; live: the real API; live-incomplete: a key is
   * saved but the phone number or a passing Check VAPI is missing, so nothing is dialled (see liveMissing).
   */
  mode: 'sandbox' | 'live' | 'live-incomplete';
  /** In live-incomplete mode, what is missing before the desk dials ("phone number id", "Check VAPI"). */
  liveMissing?: string[];
  schedulerRunning: boolean;
  withinWorkingHours: boolean;
  workingHours: { start: string; end: string };
  slots: string[];
  /** The next scheduled session starts (empty while the scheduler is stopped). */
  nextRuns: number[];
  /** `due`: how many numbers a run now would call (for the live-mode confirmation), when it is allowed. */
  runNow: { allowed: boolean; reason: string | null; due?: number };
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
  /** Called by the session dialling now: on a line, or waiting for one (not the next session's). */
  inSession?: 'dialling' | 'waiting';
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
  /** The session dialling now: its numbers come first in the calls tab, marked `inSession`. */
  session: { id: number; startedAt: number; dialling: number; waiting: number } | null;
  /** The rest of today. */
  forecast?: DayForecast;
}

/** A session the desk will start by itself later today, planned against the history as it will be. */
export interface SessionAhead {
  at: number;
  trigger: 'scheduled' | 'callback';
  /** Numbers it will call at most (a customer who confirms before is not called again). */
  calls: number;
  newCalls: number;
  retryCalls: number;
  /** Orders those calls cover. */
  orders: number;
}

/**
 * Why orders will not be called again today: they cool down past the last session (but inside working
 * hours), are due with no session left, cool down past working hours, asked for another day, wait for VAPI
 * to settle their last call, or the scheduler is stopped.
 */
export type NotTodayReason =
  | 'after-last-session'
  | 'due-no-session'
  | 'after-hours'
  | 'rescheduled'
  | 'unresolved'
  | 'scheduler-stopped';

export interface NotTodayGroup {
  reason: NotTodayReason;
  /** Orders. */
  count: number;
  awbs: string[];
  /** When they may be called again (cooldown end, asked-for day); null when due now or unknown. */
  eligibleAt: number | null;
  /** The next session (slot inside working hours) that will call them; null when none is planned. */
  nextSessionAt: number | null;
  /** The desk's sentence, 24-hour times: "26 cool down until 14:00, after the last session: add a 14:00 …". */
  detail: string;
}

/** What the rest of the day will do (Today, the Queue's header). */
export interface DayForecast {
  now: number;
  sessions: SessionAhead[];
  notToday: NotTodayGroup[];
  /** Numbers a run now would call (0 while a session runs). */
  dueNow: number;
  /** When nobody is due now: when the next number becomes due. */
  nextDueAt: number | null;
}

/** Of today's failed calls' orders: called again later today, not today, or never again. */
export interface FailedOutlook {
  retryToday: number;
  notToday: number;
  never: number;
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
  /** Calls of the session on the line now. */
  inFlight?: number;
  /** Calls of the session whose fate VAPI has not told yet (checking with VAPI; they may have rung). */
  unresolved?: number;
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
  totals: {
    calls: number;
    successful: number;
    failed: number;
    successRate: number | null;
    cost: number;
    /** Calls on the line now. */
    inFlight?: number;
    /** Calls whose fate VAPI has not told yet. */
    unresolved?: number;
  };
  /** The rest of today: sessions ahead, and who will not be called again today and why. */
  forecast?: DayForecast;
  /** What happens to the orders of today's failed calls. */
  failedOutlook?: FailedOutlook;
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
  /** '' when the source gave none. */
  city: string;
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
    /** The right phone the operator gave for a wrong number or a number VAPI could not dial. */
    phone: string | null;
  };
}

/** A file the desk made for the operator to save (the Needs-action CSV). */
export interface ExportedFile {
  fileName: string;
  /** The whole file as text (a CSV starts with a UTF-8 byte-order mark, so Excel reads it as UTF-8). */
  content: string;
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
    /** The last Check VAPI of exactly these settings; null when never checked or something changed since. */
    check?: VapiCheckView | null;
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
  /** What answers lead to, and what the report and the call history keep. */
  answers: {
    /** Send approved reattempts / RTO requests to the courier without waiting for the operator. */
    autoWriteback: boolean;
    /** Calls older than this many days are removed (daily, and at start). */
    keepCallsDays: number;
    /** Rupees per US dollar, for VAPI's costs shown in ₹. */
    usdToInr: number;
  };
}

/** One thing Check VAPI looked at: the key, the assistant, the phone number, the account's concurrency. */
export interface VapiCheckItem {
  what: 'key' | 'assistant' | 'phoneNumber' | 'concurrency';
  /** true: fine; false: blocks live calls; null: could not be told (said in `detail`). */
  ok: boolean | null;
  detail: string;
}

/** The last Check VAPI for the key, assistant, phone number and address in force (cleared when one changes). */
export interface VapiCheckView {
  at: number;
  /** Everything needed to dial live is there and VAPI accepted it. */
  ok: boolean;
  items: VapiCheckItem[];
  /** What was checked: the key's last 4 characters, the ids (assistant '' = the shipped one), the address. */
  checked: { keyHint: string; assistantId: string; phoneNumberId: string; baseUrl: string };
}

/** The shipped assistant created in VAPI (POST /assistant); its id is now the desk's assistant id. */
export interface AssistantCreated {
  assistantId: string;
  name: string;
  settings: SettingsView;
}

export interface ColumnMappingView {
  /** Order field → the CSV header it is read from (null when absent). */
  [field: string]: string | null;
}

export interface ImportProblem {
  line: number;
  reason: string;
}

/** An earlier row of an AWB the file lists again: the later row (a later status) is the one imported. */
export interface SupersededRow {
  line: number;
  awb: string;
  /** The row imported instead (the AWB's last row in the file). */
  byLine: number;
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
  /** Rows that a later row of the same AWB replaces; not imported, not errors. */
  superseded: SupersededRow[];
}

/** read = added + updated + unchanged + rejected + superseded. */
export interface ImportResult {
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  rejected: ImportProblem[];
  superseded: SupersededRow[];
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
  /**
   * The seed's table: per session, new and retry calls, successful and failed (the day's sessions, and any
   * session of the day before whose calls ran past midnight), oldest first. Shaped like Today's rows.
   */
  sessions: SessionSummary[];
  /** Calls per line outcome; `unresolved`: VAPI has not yet said how they went (in flight or being checked). */
  outcomes: Record<CallOutcome | 'unresolved', number>;
  /** Answered calls per customer answer; `none`: no answer could be read. */
  answers: Record<AnswerIntent | 'none', number>;
  totals: {
    /** Calls placed (every call but an `error`, which never existed). */
    calls: number;
    successful: number;
    failed: number;
    errors: number;
    /** Orders a successful call confirmed (a call to a number with two orders confirms both). */
    ordersConfirmed: number;
    /** successful / calls that ended; null when none ended. */
    successRate: number | null;
    /** Calls placed per order confirmed; null when none was. */
    attemptsPerSuccess: number | null;
    costUsd: number;
    costInr: number;
    /** From pick-up to hang-up, over answered calls; null when none was answered. */
    averageTalkSeconds: number | null;
  };
  /** Actions raised that day, per kind. */
  actions: Record<ActionKind, number>;
  usdToInr: number;
  /** Calls are kept this many days (Settings); older ones are removed. */
  keepCallsDays: number;
  /** YYYY-MM-DD: the first day whose calls are all still kept; a report of an earlier day may be partial. */
  historyKeptFrom: string;
}
