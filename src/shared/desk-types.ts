/**
 * What the desk shows: the result and event types of the contract between the engine (main process or
 * headless host) and the console. Plain data only, times as epoch milliseconds, so they cross IPC and JSON.
 */

export type OrderType =
  'OFD' | 'Undelivered' | 'In Transit' | 'Ready to Dispatch' | 'Delivered' | 'RTO' | 'Unknown';
/** DESIGN.md, Outcomes; `error` is not an attempt, `interrupted` (result lost) is one, never a success. */
export type CallOutcome =
  'answered' | 'busy' | 'no-answer' | 'voicemail' | 'failed' | 'error' | 'interrupted';
/** `pending` is written before the provider is asked to dial. */
export type CallState = 'pending' | 'queued' | 'ringing' | 'in-progress' | 'ended';
/** Why an order is left out of a session, in precedence order. */
export type SkipReason = 'notCallable' | 'successful' | 'maxAttempts' | 'invalidPhone' | 'cooldown';
export type SkipCounts = Record<SkipReason, number>;
export type SessionTrigger = 'scheduled' | 'manual' | 'catch-up';
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
  inFlight: CallInFlight[];
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

export interface ExcludedOrder {
  awb: string;
  customer: string;
  phone: string;
  detail: string;
}

export interface QueueView {
  /** The session the queue is planned for: the next slot, or now when a session may start now. */
  plannedFor: number;
  calls: QueueCall[];
  cooling: CoolingOrder[];
  excluded: Record<Exclude<SkipReason, 'cooldown'>, ExcludedOrder[]>;
}

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
}

export interface CallDetail extends HistoryItem {
  endedAt: number | null;
  endedReason: string | null;
  transcript: string | null;
  recordingUrl: string | null;
  structuredData: unknown;
  error: string | null;
  providerCallId: string | null;
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
    assistantId: string;
    phoneNumberId: string;
    baseUrl: string;
  };
  orderSource: {
    kind: 'none' | 'ithink' | 'generic-json';
    baseUrl: string;
    credentialsSet: boolean;
    syncBeforeSessions: boolean;
  };
  shell: {
    keepRunningInTray: boolean;
    launchAtLogin: boolean;
    catchUpGraceMinutes: number;
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
