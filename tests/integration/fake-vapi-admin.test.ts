/**
 * The fake VAPI's test-only admin route (`GET /__fake/placed`, not part of VAPI's API) and the outcomes file
 * the host and the standalone fake both read: what a test in another process relies on to know what "VAPI"
 * really did.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutcomesFileError, readOutcomesFile } from '../../src/dev/fake-vapi/outcomes-file';
import {
  FAKE_PLACED_PATH,
  startFakeVapi,
  type FakeVapi,
  type PlacedCall,
} from '../../src/dev/fake-vapi/server';
import { ManualClock } from '../helpers/manual-clock';

const KEY = 'fake-private-key';
let fake: FakeVapi | null = null;
let folder: string | null = null;

afterEach(async () => {
  await fake?.close();
  fake = null;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

function get(path: string, key: string | null = KEY): Promise<Response> {
  return fetch(`${fake!.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}

function place(number: string, callId: number): Promise<Response> {
  return fetch(`${fake!.url}/call`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      assistantId: 'assistant-1',
      phoneNumberId: 'phone-1',
      customer: { number },
      assistantOverrides: { metadata: { deskId: 'desk-1', callId } },
    }),
  });
}

describe('GET /__fake/placed (test-only)', () => {
  it('lists every call the fake placed with its fate and our metadata, without the request body', async () => {
    const clock = new ManualClock();
    fake = await startFakeVapi({
      clock,
      apiKey: KEY,
      outcomes: { '9876500001': ['busy'] },
      concurrencyLimit: 1,
    });
    expect((await place('+919876500001', 7)).status).toBe(201);
    // Over the concurrency limit: VAPI answers with a blocked call, and no phone rang.
    expect((await place('+919876500002', 8)).status).toBe(201);

    const response = await get(FAKE_PLACED_PATH);
    expect(response.status).toBe(200);
    const placed = (await response.json()) as PlacedCall[];
    expect(placed).toEqual([
      {
        id: expect.any(String),
        at: clock.now(),
        number: '+919876500001',
        fate: 'busy',
        stuck: false,
        metadata: { deskId: 'desk-1', callId: 7 },
      },
    ]);
  });

  it('asks for the same key as the VAPI routes and is not counted as a VAPI request', async () => {
    fake = await startFakeVapi({ clock: new ManualClock(), apiKey: KEY });
    expect((await get(FAKE_PLACED_PATH, null)).status).toBe(401);
    expect((await get(FAKE_PLACED_PATH, 'another-key')).status).toBe(401);
    expect((await get(FAKE_PLACED_PATH)).status).toBe(200);
    expect(fake.requestCount('listCalls') + fake.requestCount('getCall')).toBe(0);
    expect((await fetch(`${fake.url}${FAKE_PLACED_PATH}`, { method: 'DELETE' })).status).toBe(404);
  });
});

describe('an outcomes file', () => {
  function file(text: string): string {
    folder ??= mkdtempSync(join(tmpdir(), 'acs-outcomes-'));
    const path = join(folder, 'outcomes.json');
    writeFileSync(path, text);
    return path;
  }

  it('reads scripted outcomes per number', () => {
    expect(readOutcomesFile(file('{"9876500002": ["busy", "answered"]}'))).toEqual({
      '9876500002': ['busy', 'answered'],
    });
  });

  it('refuses a file that is not JSON, not an object, or names an unknown outcome, saying which', () => {
    expect(() => readOutcomesFile(file('{"9876500002": '))).toThrow(OutcomesFileError);
    expect(() => readOutcomesFile(file('["busy"]'))).toThrow(/must hold/);
    expect(() => readOutcomesFile(file('{"9876500002": ["engaged"]}'))).toThrow(
      /outcomes for 9876500002 are not a list of known outcomes/,
    );
  });
});
