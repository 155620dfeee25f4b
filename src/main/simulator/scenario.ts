/**
 * The scenario file format (README, "The simulator"), validated with messages that name the field:
 * "orders[3].phone: expected string", never a stack trace. Strict at every level: an unknown key (a typo, or
 * a fault this simulator does not know) is refused with one line naming it, instead of the scenario running
 * silently without it.
 */
import { z } from 'zod';
import { isFakeOutcome, type FakeOutcome } from '../../dev/fake-vapi/outcomes';
import { isValidTimezone, parseLocalIso } from '../domain/local-time';

const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'a local time like 2026-11-24T10:00');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');
/** A number's scripted result: how the line went, or what the customer answered (README, "The simulator"). */
const outcome = z
  .string()
  .refine(
    isFakeOutcome,
    'an outcome: answered, confirmed, unclear, address-change, cancel, wrong-number, reschedule:YYYY-MM-DD, callback:HH:MM, busy, no-answer, voicemail, failed or misdialled',
  );
const httpError = z.number().int().min(400).max(599);
const window = { from: localTime, to: localTime };

/** A create that fails: an HTTP status, or no reply at all; `effect` says whether VAPI placed the call anyway. */
const createFault = z.strictObject({
  ...window,
  status: z.union([httpError, z.enum(['timeout', 'reset'])]),
  effect: z.enum(['refused', 'dialled']).default('refused'),
});
/** Reads of calls (GET /call/:id and GET /call) answered with an error status. */
const readFault = z.strictObject({ ...window, status: httpError });
/** Another connection holds the SQLite file locked. */
const storeFault = z.strictObject({ ...window, kind: z.literal('locked') });

const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  timezone: z.string().refine(isValidTimezone, 'an IANA time zone such as Asia/Kolkata'),
  start: localTime,
  end: localTime,
  settings: z
    .strictObject({
      slots: z.array(hhmm),
      cooldownMinutes: z.number().int().min(0),
      maxAttempts: z.number().int().min(1),
      workingHours: z.strictObject({ start: hhmm, end: hhmm }),
      concurrency: z.number().int().min(1),
      phoneRegion: z.string().regex(/^[A-Z]{2}$/),
    })
    .partial()
    .default({}),
  callSeconds: z.number().positive().default(45),
  orders: z.array(
    z.strictObject({
      at: localTime,
      awb: z.string().min(1),
      customer: z.string(),
      phone: z.string(),
      type: z.string().min(1),
      address: z.string().default(''),
      pincode: z.string().default(''),
      codAmount: z.number().nullable().default(null),
    }),
  ),
  events: z
    .array(z.strictObject({ at: localTime, awb: z.string().min(1), type: z.string().min(1) }))
    .default([]),
  outcomes: z.record(z.string(), z.array(outcome).min(1)).default({}),
  faults: z
    .strictObject({
      createCall: z.array(createFault).default([]),
      getCall: z.array(readFault).default([]),
      store: z.array(storeFault).default([]),
    })
    .partial()
    .default({}),
  /** The desk dies without a shutdown at `at` and a new desk starts on the same store at `restartAt`. */
  crashes: z.array(z.strictObject({ at: localTime, restartAt: localTime })).default([]),
  /** Numbers whose calls are answered and never end at the provider. */
  stuck: z.array(z.string()).default([]),
  manualRuns: z.array(localTime).default([]),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioOutcome = FakeOutcome;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
    )
    .join('');
}

/** Parses and checks a scenario; throws ScenarioError naming the first bad field or unknown key. */
export function parseScenario(json: unknown): Scenario {
  const result = scenarioSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = pathText(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      throw new ScenarioError(`${where || 'scenario'}: unknown key ${keys}`);
    }
    throw new ScenarioError(`${where || 'scenario'}: ${issue.message}`);
  }
  const scenario = result.data;
  const at = (text: string) => parseLocalIso(text, scenario.timezone);
  const start = at(scenario.start);
  const end = at(scenario.end);
  if (start === null) throw new ScenarioError(`start: "${scenario.start}" is not a valid local time`);
  if (end === null) throw new ScenarioError(`end: "${scenario.end}" is not a valid local time`);
  if (end <= start) throw new ScenarioError('end: must be after start');
  scenario.crashes.forEach((crash, index) => {
    if (at(crash.restartAt)! <= at(crash.at)!) {
      throw new ScenarioError(`crashes[${index}].restartAt: must be after the crash`);
    }
  });
  return scenario;
}
