/**
 * kill -9 mid-session (issue 8, "Done when"): a real headless host dials a standalone fake VAPI running in its
 * own process; the host's node process is SIGKILLed while a create is on the wire and other calls ring; a new
 * host on the same data folder takes over the lock left behind. Then, held against the fake's own record of
 * the calls it placed (`GET /__fake/placed`): every call VAPI placed is in the desk's history with the same
 * outcome once the reconciler has settled it, and no phone gets a second call within the cooldown or after a
 * success, whether from the run-now right after the restart or from one after everything settled.
 *
 * Real processes and real time: every wait is a bounded poll (a loaded 2-core machine is slow, never wrong),
 * and every process the test started is killed when it ends, passed or failed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FAKE_PLACED_PATH, type PlacedCall } from '../../src/dev/fake-vapi/server';
import { formatLocalIso, parseLocalIso } from '../../src/main/domain/local-time';
import { DEFAULT_CALLING_SETTINGS } from '../../src/main/domain/settings';
import { fateOf, fateVerdict } from '../../src/dev/fake-vapi/outcomes';
import { parseLock } from '../../src/main/desk/desk-lock';
import { neverTwiceViolations } from '../../src/main/simulator/invariants';
import { MAX_PAGE_ROWS, type RunNowResult } from '../../src/shared/contract';
import type {
  DeskStatus,
  HistoryItem,
  HistoryPage,
  ImportResult,
  TodaySummary,
} from '../../src/shared/desk-types';
import {
  isRunning,
  killAllStarted,
  pollUntil,
  startTs,
  waitForOutput,
  type Started,
} from '../helpers/processes';

const ROOT = join(__dirname, '..', '..');
const TZ = DEFAULT_CALLING_SETTINGS.timezone;
const COOLDOWN_MINUTES = DEFAULT_CALLING_SETTINGS.cooldownMinutes;
const DAY_START = '2026-11-24T10:00';
const VAPI_KEY = 'kill-test-private-key';
const CALL_SECONDS = 8;
/** Every fake VAPI answer waits this long: a create is on the wire long enough to be killed mid-way. */
const LATENCY_MS = 1_500;
/** A create sent this long ago has reached the fake VAPI (which answers only after LATENCY_MS). */
const ON_THE_WIRE_MS = 500;
/** Three lines for nine customers: calls end and new ones start while the host dies. */
const CONCURRENCY = 3;

const OUTCOMES: Record<string, string[]> = {
  '9876500101': ['answered'],
  '9876500102': ['busy'],
  '9876500103': ['answered'],
  '9876500104': ['answered-unsuccessful'],
  '9876500105': ['answered'],
  '9876500106': ['busy'],
  '9876500107': ['answered'],
  '9876500108': ['busy'],
  '9876500109': ['answered'],
};

const ORDERS_CSV = [
  'AWB,Customer Name,Phone,Status,Address,Pincode,COD Amount',
  ...Object.keys(OUTCOMES).map(
    (phone, index) =>
      `AWB30000${String(index + 1).padStart(2, '0')},Customer ${index + 1},${phone},Out For Delivery,"${index + 1} MG Road, Delhi",110002,${100 * (index + 1)}`,
  ),
  '',
].join('\n');

interface Host extends Started {
  origin: string;
  token: string;
}

let dataDir: string;
let processes: Started[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'acs-kill-'));
  processes = [];
});

afterEach(async () => {
  await killAllStarted();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startFake(): Promise<{ url: string; placed(): Promise<PlacedCall[]> }> {
  const outcomesFile = join(dataDir, 'fake-outcomes.json');
  writeFileSync(outcomesFile, JSON.stringify(OUTCOMES));
  const fake = startTs('fake VAPI', ROOT, 'src/dev/fake-vapi/cli.ts', [
    '--port=0',
    `--api-key=${VAPI_KEY}`,
    `--clock-start=${DAY_START}`,
    `--call-seconds=${CALL_SECONDS}`,
    `--latency-ms=${LATENCY_MS}`,
    `--outcomes=${outcomesFile}`,
  ]);
  processes.push(fake);
  const [, url] = await waitForOutput(fake, /Fake VAPI listening on (\S+)/);
  return {
    url: url!,
    async placed() {
      const response = await fetch(`${url}${FAKE_PLACED_PATH}`, {
        headers: { authorization: `Bearer ${VAPI_KEY}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as PlacedCall[];
    },
  };
}

async function startHost(clockStart: string): Promise<Host> {
  const host = startTs(
    'host',
    ROOT,
    'src/main/host/cli.ts',
    ['--port=0', `--clock-start=${clockStart}`, `--sandbox-call-seconds=${CALL_SECONDS}`],
    { ACS_DATA_DIR: dataDir },
  );
  processes.push(host);
  const [url] = await waitForOutput(host, /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/m);
  const parsed = new URL(url);
  return { ...host, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '' };
}

/** Every call in the desk's history, page by page. */
async function wholeHistory(host: Host): Promise<HistoryItem[]> {
  const rows: HistoryItem[] = [];
  let cursor: string | null = null;
  do {
    const page: HistoryPage = await desk<HistoryPage>(host, 'history', {
      limit: MAX_PAGE_ROWS,
      ...(cursor ? { cursor } : {}),
    });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
}

async function desk<T>(host: Host, method: string, args: unknown = {}): Promise<T> {
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const reply = (await response.json()) as { result?: T; error?: { message: string } };
  if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result as T;
}

function waitForSessionEnd(host: Host, sessionId: number): Promise<DeskStatus> {
  return pollUntil<DeskStatus>(
    `session ${sessionId} to end`,
    async () => {
      const status = await desk<DeskStatus>(host, 'status');
      return status.session?.id === sessionId ? { seen: status.session } : { value: status };
    },
    180_000,
    500,
  );
}

const ACCEPTED_STATES = new Set(['queued', 'ringing', 'in-progress']);

/** What VAPI says of a call it placed, in the desk's words (the simulator's providerCalls do the same). */
function providerOutcome(call: PlacedCall): { outcome: string; successful: boolean } {
  return fateVerdict(fateOf(call.fate));
}

function callIdOf(call: PlacedCall): number {
  return Number(call.metadata.callId);
}

interface Records {
  /** The fake VAPI's own record: every call it placed. */
  placed: PlacedCall[];
  /** The desk's history by call id. */
  rows: Map<number, HistoryItem>;
  /** Session starts by session id (cooldowns are measured between them). */
  sessionStarts: Map<number, number>;
}

/** The fake's record and the desk's history, once every call the fake placed has its result in the history. */
async function settledRecords(host: Host, fake: { placed(): Promise<PlacedCall[]> }): Promise<Records> {
  const records = await pollUntil<Omit<Records, 'sessionStarts'>>(
    'the desk to record the result of every call the fake VAPI placed',
    async () => {
      const [placed, history] = await Promise.all([fake.placed(), wholeHistory(host)]);
      const rows = new Map(history.map((row) => [row.id, row]));
      const open = placed.filter((call) => rows.get(callIdOf(call))?.state !== 'ended');
      return open.length === 0
        ? { value: { placed, rows } }
        : { seen: open.map((call) => [call.number, rows.get(callIdOf(call))?.state ?? 'no row']) };
    },
    180_000,
    1_000,
  );
  const today = await desk<TodaySummary>(host, 'today');
  return { ...records, sessionStarts: new Map(today.sessions.map((s) => [s.id, s.startedAt])) };
}

/**
 * Never twice, from the two records: the simulator's check (same outcome, nothing within the cooldown or after
 * a success) on the desk's history and the fake's record, and no call the desk claims that VAPI never placed.
 */
function violations({ placed, rows, sessionStarts }: Records, cooldownMinutes: number): string[] {
  const history = [...rows.values()];
  const report = {
    calls: history
      .filter((row) => row.outcome !== 'error')
      .map((row) => ({
        at: formatLocalIso(row.startedAt, TZ, true),
        session: formatLocalIso(sessionStarts.get(row.sessionId)!, TZ, true),
        phone: row.phoneE164,
        awbs: row.awbs,
        attempt: row.attemptNumber,
        outcome: row.outcome,
        successful: row.successful,
        callId: row.id,
        providerId: null,
        answer: row.answer,
      })),
    providerCalls: placed.map((call) => ({
      at: formatLocalIso(call.at, TZ, true),
      phone: call.number,
      callId: callIdOf(call),
      providerId: call.id,
      ...providerOutcome(call),
    })),
  };
  const placedIds = new Set(placed.map(callIdOf));
  const claimed = history
    .filter((row) => row.outcome !== null && row.outcome !== 'error' && !placedIds.has(row.id))
    .map(
      (row) =>
        `${row.phoneE164}: the desk recorded ${row.outcome} for call ${row.id}, which VAPI never placed`,
    );
  return [...neverTwiceViolations(report, cooldownMinutes, TZ, parseLocalIso), ...claimed];
}

it('settles every call VAPI placed and dials nobody twice after the host is killed mid-session', async ({
  onTestFailed,
}) => {
  onTestFailed(() => {
    for (const proc of processes) console.log(`----- ${proc.name} (pid ${proc.pid}) -----\n${proc.output()}`);
  });
  const fake = await startFake();
  const host = await startHost(DAY_START);

  // Live mode against the fake, three lines, nine customers, one session.
  await desk(host, 'saveSettings', {
    vapi: {
      apiKey: VAPI_KEY,
      assistantId: 'kill-test-assistant',
      phoneNumberId: 'kill-test-number',
      baseUrl: fake.url,
    },
    calling: { concurrency: CONCURRENCY },
  });
  // Live calls start only after a passing Check VAPI of these settings (issue 10).
  expect(await desk<{ ok: boolean }>(host, 'checkVapi')).toMatchObject({ ok: true });
  const imported = await desk<ImportResult>(host, 'importCsv', {
    fileName: 'ofd.csv',
    contentBase64: Buffer.from(ORDERS_CSV).toString('base64'),
  });
  expect(imported).toMatchObject({ added: 9, rejected: [] });
  const first = await desk<RunNowResult>(host, 'runNow');
  expect(first).toMatchObject({ started: true });
  const firstSession = (first as { sessionId: number }).sessionId;

  // The moment to die: a call has ended, one is ringing, and a create has been on the wire long enough to have
  // reached VAPI, which holds its answer for LATENCY_MS (it places the call even though the desk is gone).
  const atKill = await pollUntil<DeskStatus>(
    'a create on the wire while another call rings and one has ended',
    async () => {
      const status = await desk<DeskStatus>(host, 'status');
      const session = status.session;
      const inFlight = session?.inFlight ?? [];
      const moment =
        session !== null &&
        session.completed >= 1 &&
        inFlight.some((call) => call.state === 'pending' && status.now - call.startedAt >= ON_THE_WIRE_MS) &&
        inFlight.some((call) => ACCEPTED_STATES.has(call.state));
      return moment
        ? { value: status }
        : { seen: session && { completed: session.completed, inFlight: inFlight.map((c) => c.state) } };
    },
    120_000,
    100,
  );
  const desksClockAhead = atKill.now - Date.now();

  // The pid in desk.lock is the desk's own node process: that is the one killed, not a wrapper.
  const lockFile = join(dataDir, 'desk.lock');
  expect(parseLock(readFileSync(lockFile, 'utf8'))?.pid).toBe(host.pid);
  process.kill(host.pid, 'SIGKILL');
  expect(await host.exited).toBe('SIGKILL');
  expect(isRunning(host.pid)).toBe(false);
  expect(existsSync(lockFile)).toBe(true);

  // A new desk on the same folder, its clock going on from where the dead one's stopped.
  const restarted = await startHost(new Date(Date.now() + desksClockAhead).toISOString());
  expect(parseLock(readFileSync(lockFile, 'utf8'))?.pid).toBe(restarted.pid);

  // Run now at once, before the reconciler has had a chance on its own.
  const second = await desk<RunNowResult>(restarted, 'runNow');
  expect(second).toMatchObject({ started: true });
  await waitForSessionEnd(restarted, (second as { sessionId: number }).sessionId);

  // Every call VAPI placed ends up in the history with its real result; then run now again.
  const afterRestart = await settledRecords(restarted, fake);
  const third = await desk<RunNowResult>(restarted, 'runNow');
  // Everyone reached or cooling down: run now is refused rather than starting an empty session (issue 10).
  if (third.started) await waitForSessionEnd(restarted, third.sessionId);
  else expect(third.reason).toMatch(/^nobody is due now/);
  const settled = await settledRecords(restarted, fake);
  expect(settled.placed.length).toBeGreaterThanOrEqual(afterRestart.placed.length);

  // The kill really came mid-call: calls VAPI had accepted were still ringing when the desk died, and VAPI
  // placed a call whose create the dead desk never heard back about.
  const inFlightAtKill = atKill.session!.inFlight;
  const placedIds = new Set(settled.placed.map(callIdOf));
  const acceptedAtKill = inFlightAtKill.filter((call) => ACCEPTED_STATES.has(call.state));
  expect(acceptedAtKill.filter((call) => !placedIds.has(call.callId))).toEqual([]);
  const unansweredCreates = inFlightAtKill.filter((call) => call.state === 'pending');
  expect(unansweredCreates.filter((call) => placedIds.has(call.callId)).length).toBeGreaterThan(0);

  // Every call VAPI placed has the same outcome in the history; none came again within the cooldown.
  expect(violations(settled, COOLDOWN_MINUTES)).toEqual([]);
  // Nobody the first desk reached was dialled by the second, at once or after everything settled.
  const sessionOf = (call: PlacedCall) => settled.rows.get(callIdOf(call))?.sessionId;
  const reachedBeforeKill = new Set(
    settled.placed.filter((call) => sessionOf(call) === firstSession).map((call) => call.number),
  );
  const againAfterRestart = settled.placed.filter(
    (call) => sessionOf(call) !== firstSession && reachedBeforeKill.has(call.number),
  );
  expect(againAfterRestart).toEqual([]);

  // The operator drops the cooldown to retry everyone now: those who were not reached are called again,
  // and still nobody is called after a successful call.
  await desk(restarted, 'saveSettings', { calling: { cooldownMinutes: 0 } });
  const fourth = await desk<RunNowResult>(restarted, 'runNow');
  expect(fourth).toMatchObject({ started: true });
  const retrySession = (fourth as { sessionId: number }).sessionId;
  await waitForSessionEnd(restarted, retrySession);
  const final = await settledRecords(restarted, fake);
  const retried = final.placed.filter((call) => final.rows.get(callIdOf(call))?.sessionId === retrySession);
  expect(retried.length).toBeGreaterThan(0);
  expect(violations(final, 0)).toEqual([]);

  // The fake's clock was set like the desk's: its calls are on the same morning.
  for (const call of final.placed) expect(formatLocalIso(call.at, TZ)).toMatch(/^2026-11-24T10:0\d$/);
}, 600_000);
