/**
 * The desk contract: every command and query the console may send, with the arguments validated at the
 * boundary (Electron IPC or the headless host's WebSocket), and the events the engine pushes. Main, preload,
 * host and renderer all import this one file; nothing else crosses the boundary.
 */
import { z } from 'zod';
import type {
  ActionKind,
  ActionView,
  AssistantCreated,
  CallDetail,
  DailyReport,
  DeskStatus,
  ExcludedReason,
  ExportedFile,
  HistoryPage,
  HistoryTab,
  ImportPreview,
  ImportResult,
  LogLine,
  OrderSort,
  OrdersPage,
  OrderTab,
  QueuePage,
  QueueTab,
  SettingsView,
  SyncStatus,
  TodaySummary,
  WritebackState,
  VapiCheckView,
} from './desk-types';
import { settingsFieldMessage } from './field-messages';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');

/** Every kind of action an answer raises (desk-types ActionKind). */
export const ACTION_KINDS = [
  'reschedule',
  'callback',
  'address-change',
  'cancel',
  'wrong-number',
  'fix-phone',
] as const satisfies readonly ActionKind[];

/** Each kind of action in the desk's words (the Needs-action list, its CSV export, `npm run desk -- actions`). */
export const ACTION_KIND_WORDS: Record<ActionKind, string> = {
  reschedule: 'Deliver another day',
  callback: 'Call back',
  'address-change': 'New address',
  cancel: 'Cancelled (return)',
  'wrong-number': 'Wrong number',
  'fix-phone': 'Fix phone',
};

/** Where an action stands with the courier, in the desk's words. */
export const WRITEBACK_WORDS: Record<WritebackState, string> = {
  none: 'Not sent',
  pending: 'Sending',
  sent: 'Sent',
  failed: 'Failed, will retry',
  refused: 'Refused',
};

/** Settings the operator may change; every field optional, each validated with its name in the message. */
export const settingsUpdateSchema = z
  .object({
    calling: z
      .object({
        timezone: z.string().min(1),
        slots: z.array(hhmm).max(24),
        cooldownMinutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60),
        maxAttempts: z.number().int().min(1).max(20),
        workingHours: z.object({ start: hhmm, end: hhmm }),
        concurrency: z.number().int().min(1).max(100),
        phoneRegion: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code'),
      })
      .partial()
      .strict(),
    vapi: z
      .object({
        /** Write-only; an empty string removes the key (sandbox mode). */
        apiKey: z.string().max(500),
        assistantId: z.string().max(200),
        phoneNumberId: z.string().max(200),
        baseUrl: z.string().url(),
      })
      .partial()
      .strict(),
    orderSource: z
      .object({
        kind: z.enum(['none', 'ithink', 'generic-json']),
        baseUrl: z.string().max(500),
        /** Write-only JSON of the adapter's credentials; an empty string removes them. */
        credentials: z.string().max(5000),
        syncBeforeSessions: z.boolean(),
      })
      .partial()
      .strict(),
    shell: z
      .object({
        keepRunningInTray: z.boolean(),
        launchAtLogin: z.boolean(),
        catchUpGraceMinutes: z.number().int().min(0).max(240),
      })
      .partial()
      .strict(),
    backups: z
      .object({
        /** How many automatic backups of the database (daily, and before each schema upgrade) are kept. */
        keep: z.number().int().min(1).max(90),
      })
      .partial()
      .strict(),
    answers: z
      .object({
        /** Send approved reattempts / RTO requests to the courier without waiting for the operator. */
        autoWriteback: z.boolean(),
        /** Calls older than this many days are removed (history, transcripts, recordings links). */
        keepCallsDays: z.number().int().min(7).max(3650),
        /** Rupees per US dollar, for costs shown in ₹ (VAPI bills in $). */
        usdToInr: z.number().positive().max(1000),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

const noArgs = z.object({}).strict();

/** The largest file an import or preview takes (the operator sees this number). */
export const MAX_IMPORT_FILE_MB = 15;
const base64Length = (fileMb: number) => Math.ceil((fileMb * 1024 * 1024) / 3) * 4;
/**
 * The largest request (HTTP body or WebSocket message) for previewCsv and importCsv carrying a file of
 * `fileMb`: the file in base64 plus room for its name and mapping. The headless host caps those requests at
 * importRequestBytes(MAX_IMPORT_FILE_MB) by default, so the schema's limit below is the one an operator
 * meets, with its sentence, before the transport's.
 */
export function importRequestBytes(fileMb: number): number {
  return base64Length(fileMb) + 64 * 1024;
}
const csvFile = z.object({
  fileName: z.string().max(500),
  /** The file's bytes, base64: CSVs may be Windows-1252, so they travel as bytes, not text. */
  contentBase64: z
    .string()
    .max(
      base64Length(MAX_IMPORT_FILE_MB),
      `the file is larger than ${MAX_IMPORT_FILE_MB} MB; split it and import each part`,
    ),
  mapping: z.record(z.string(), z.string().nullable()).optional(),
});

/** The AWBs the console is sent of each group not called again today (the group's count says how many). */
export const NOT_TODAY_AWBS_SHOWN = 60;

/** The most rows one page of the Queue, Orders or History carries: a screenful many times over, and small. */
export const MAX_PAGE_ROWS = 200;

/** How the Queue groups the orders left out, the most pressing reason first. */
export const QUEUE_EXCLUDED_ORDER = [
  'unresolved',
  'rescheduled',
  'stopped',
  'maxAttempts',
  'successful',
  'invalidPhone',
  'notCallable',
] as const satisfies readonly ExcludedReason[];
export const QUEUE_TABS = [
  'calls',
  'cooling',
  'excluded',
  ...QUEUE_EXCLUDED_ORDER,
] as const satisfies readonly QueueTab[];
export const ORDER_TABS = [
  'all',
  'queued',
  'cooldown',
  ...QUEUE_EXCLUDED_ORDER,
] as const satisfies readonly OrderTab[];
export const ORDER_SORTS = ['oldest', 'newest', 'customer'] as const satisfies readonly OrderSort[];
export const HISTORY_TABS = ['all', 'successful', 'failed'] as const satisfies readonly HistoryTab[];

/** What every paged list takes: where to go on from (a previous page's nextCursor), how many, and a search. */
const pageArgs = {
  cursor: z.string().max(300).optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_ROWS).optional(),
  /** AWB, customer name, or phone digits (4 or more). */
  search: z.string().max(200).optional(),
};
/** Which actions a list or an export covers. */
const actionFilter = z
  .object({
    state: z.enum(['open', 'done', 'all']).optional(),
    kind: z.enum(ACTION_KINDS).optional(),
    search: z.string().max(200).optional(),
  })
  .strict();

/** A calendar day in the desk's time zone, as YYYY-MM-DD. */
const reportDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/** Every method: its argument schema and (as a type only) its result. */
export const deskMethods = {
  // queries
  status: noArgs,
  queue: z.object({ tab: z.enum(QUEUE_TABS).optional(), ...pageArgs }).strict(),
  today: noArgs,
  orders: z
    .object({
      tab: z.enum(ORDER_TABS).optional(),
      sort: z.enum(ORDER_SORTS).optional(),
      /** Only this order (its drawer, opened from another list). */
      awb: z.string().max(100).optional(),
      ...pageArgs,
    })
    .strict(),
  history: z
    .object({
      tab: z.enum(HISTORY_TABS).optional(),
      /** Newest first (the default) or oldest first. */
      sort: z.enum(['newest', 'oldest']).optional(),
      /** Only the calls of this session. */
      sessionId: z.number().int().positive().optional(),
      /** Only the calls about this order. */
      awb: z.string().max(100).optional(),
      ...pageArgs,
    })
    .strict(),
  call: z.object({ id: z.number().int().positive() }).strict(),
  settings: noArgs,
  /** One day's report (sessions, outcomes, answers, cost, talk time, actions); today by default. */
  report: z.object({ date: reportDate.optional() }).strict(),
  /** The same report as a CSV file (UTF-8 with a byte-order mark, for Excel). */
  exportReport: z.object({ date: reportDate.optional() }).strict(),
  /** Needs action: open actions by default, newest first. */
  actions: actionFilter,

  // commands
  startScheduler: noArgs,
  stopScheduler: noArgs,
  runNow: noArgs,
  stopSession: noArgs,
  previewCsv: csvFile,
  importCsv: csvFile,
  syncNow: noArgs,
  saveSettings: settingsUpdateSchema,
  markActionDone: z
    .object({ id: z.number().int().positive(), note: z.string().max(500).optional() })
    .strict(),
  /**
   * Sends an action to the courier (iThink's NDR reattempt / RTO) now, or again after a failure. `phone`: the
   * customer's right number, needed for a wrong number or a number VAPI could not dial.
   */
  sendActionToCourier: z
    .object({ id: z.number().int().positive(), phone: z.string().trim().min(1).max(40).optional() })
    .strict(),
  /** The actions as a CSV for the delivery team (open ones by default), filtered like `actions`. */
  exportActions: actionFilter,
  /** Asks VAPI about the saved key, assistant and phone number; the result is kept until one changes. */
  checkVapi: noArgs,
  /** Creates the shipped assistant in VAPI (POST /assistant) and saves its id as the assistant id. */
  createAssistant: noArgs,
} as const;

export type DeskMethod = keyof typeof deskMethods;
export type DeskArgs<M extends DeskMethod> = z.infer<(typeof deskMethods)[M]>;

export type RunNowResult = { started: true; sessionId: number } | { started: false; reason: string };

export interface DeskResults {
  status: DeskStatus;
  queue: QueuePage;
  today: TodaySummary;
  orders: OrdersPage;
  history: HistoryPage;
  call: CallDetail | null;
  settings: SettingsView;
  startScheduler: DeskStatus;
  stopScheduler: DeskStatus;
  runNow: RunNowResult;
  stopSession: DeskStatus;
  previewCsv: ImportPreview;
  importCsv: ImportResult;
  syncNow: SyncStatus;
  saveSettings: SettingsView;
  actions: ActionView[];
  markActionDone: ActionView;
  sendActionToCourier: ActionView;
  exportActions: ExportedFile;
  report: DailyReport;
  exportReport: ExportedFile;
  checkVapi: VapiCheckView;
  createAssistant: AssistantCreated;
}

/** The desk as the console sees it: one async function per method. */
export type DeskApi = { [M in DeskMethod]: (args: DeskArgs<M>) => Promise<DeskResults[M]> };

/** Events pushed to every console. */
export interface DeskEvents {
  /** Anything in DeskStatus changed (scheduler, session progress, a call started or ended). */
  status: DeskStatus;
  /** Orders, calls or settings changed: queue, today, orders and history views should refetch. */
  dataChanged: { what: ('orders' | 'calls' | 'sessions' | 'settings')[] };
  log: LogLine;
}
export type DeskEvent = keyof DeskEvents;

/** Every event, once: each transport forwards exactly these (a new event fails to compile until listed). */
const deskEventNames: Record<DeskEvent, true> = { status: true, dataChanged: true, log: true };
export const DESK_EVENTS = Object.keys(deskEventNames) as readonly DeskEvent[];

/** A rejected call: the field that was wrong (when one was) and a message an operator can act on. */
export interface DeskError {
  message: string;
  field?: string;
}

export class DeskArgumentError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DeskArgumentError';
  }
}

export function isDeskMethod(name: unknown): name is DeskMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(deskMethods, name);
}

/** Validates a method's arguments; throws DeskArgumentError naming the first bad field. */
export function parseDeskArgs<M extends DeskMethod>(method: M, args: unknown): DeskArgs<M> {
  const result = deskMethods[method].safeParse(args ?? {});
  if (result.success) return result.data as DeskArgs<M>;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  // A refused setting is explained in the desk's words (src/shared/field-messages.ts), not the validator's.
  const words = (method === 'saveSettings' && settingsFieldMessage(field)) || issue?.message;
  throw new DeskArgumentError(field ? `${field}: ${words}` : (words ?? 'invalid arguments'), field);
}

/** The IPC channel names used by the Electron preload. */
export const IPC_INVOKE_CHANNEL = 'desk:invoke';
export const IPC_EVENT_CHANNEL = 'desk:event';

/** The exported-file shape, where the contract's users look for it. */
export type { ExportedFile };
