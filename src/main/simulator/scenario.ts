/**
 * The scenario file format (DESIGN.md, "The simulation harness"), validated with messages that name the field:
 * "orders[3].phone: expected string", never a stack trace.
 */
import { z } from 'zod';
import { isValidTimezone, parseLocalIso } from '../domain/local-time';

const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'a local time like 2026-11-24T10:00');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');
const outcome = z.enum(['answered', 'answered-unsuccessful', 'busy', 'no-answer', 'voicemail', 'failed']);

const scenarioSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  timezone: z.string().refine(isValidTimezone, 'an IANA time zone such as Asia/Kolkata'),
  start: localTime,
  end: localTime,
  settings: z
    .object({
      slots: z.array(hhmm),
      cooldownMinutes: z.number().int().min(0),
      maxAttempts: z.number().int().min(1),
      workingHours: z.object({ start: hhmm, end: hhmm }),
      concurrency: z.number().int().min(1),
      phoneRegion: z.string().regex(/^[A-Z]{2}$/),
    })
    .partial()
    .default({}),
  callSeconds: z.number().positive().default(45),
  orders: z.array(
    z.object({
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
  events: z.array(z.object({ at: localTime, awb: z.string().min(1), type: z.string().min(1) })).default([]),
  outcomes: z.record(z.string(), z.array(outcome).min(1)).default({}),
  faults: z
    .object({
      createCall: z
        .array(z.object({ from: localTime, to: localTime, status: z.number().int().min(400).max(599) }))
        .default([]),
      getCall: z
        .array(z.object({ from: localTime, to: localTime, status: z.number().int().min(400).max(599) }))
        .default([]),
    })
    .partial()
    .default({}),
  manualRuns: z.array(localTime).default([]),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioOutcome = z.infer<typeof outcome>;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Parses and checks a scenario; throws ScenarioError naming the first bad field. */
export function parseScenario(json: unknown): Scenario {
  const result = scenarioSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.path
      .map((part, index) =>
        typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
      )
      .join('');
    throw new ScenarioError(`${path || 'scenario'}: ${issue.message}`);
  }
  const scenario = result.data;
  const start = parseLocalIso(scenario.start, scenario.timezone);
  const end = parseLocalIso(scenario.end, scenario.timezone);
  if (start === null) throw new ScenarioError(`start: "${scenario.start}" is not a valid local time`);
  if (end === null) throw new ScenarioError(`end: "${scenario.end}" is not a valid local time`);
  if (end <= start) throw new ScenarioError('end: must be after start');
  return scenario;
}
