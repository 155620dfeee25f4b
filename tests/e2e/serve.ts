/**
 * Starts the headless host for one browser test exactly as `npm run serve` does (its CLI), in a fresh data
 * folder, with the desk's clock set where the test needs it and short sandbox calls. Reads the console's
 * address from the first line of output; keeps the rest for the failure report.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServeOptions {
  /** Local time in Asia/Kolkata, e.g. '2026-11-24T10:30'. */
  clockStart: string;
  callSeconds?: number;
  /** Scripted fake-VAPI outcomes per phone number; unscripted numbers are answered at random. */
  outcomes?: Record<string, string[]>;
}

export interface Served {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  output(): string;
  /** Calls a desk method over the host's HTTP API (setup steps that are not under test). */
  api<T = unknown>(method: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** The first line the host prints (the console's address); what it printed so far when it fails to start. */
export function waitForFirstLine(
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`host did not start in time:\n${output()}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(buffered.slice(0, newline).trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output()}`));
    });
  });
}

export async function serve(options: ServeOptions): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'acs-e2e-'));
  const args = ['src/main/host/cli.ts', '--port', '0', '--clock-start', options.clockStart];
  args.push('--sandbox-call-seconds', String(options.callSeconds ?? 2));
  if (options.outcomes) {
    const file = join(dataDir, 'outcomes.json');
    writeFileSync(file, JSON.stringify(options.outcomes));
    args.push('--sandbox-outcomes', file);
  }
  const child = spawn(join('node_modules', '.bin', 'tsx'), args, {
    env: { ...process.env, ACS_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = await waitForFirstLine(child, () => log);
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';

  return {
    url,
    origin: parsed.origin,
    token,
    dataDir,
    output: () => log,
    async api<T>(method: string, body: unknown = {}): Promise<T> {
      const response = await fetch(`${parsed.origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const reply = (await response.json()) as { result?: T; error?: { message: string } };
      if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
      return reply.result as T;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A small day's orders: three to call, one not callable (In Transit), one with a phone that cannot be dialled. */
export const ORDERS_CSV = [
  'AWB,Customer Name,Phone,Status,Address,Pincode,COD Amount',
  'AWB2000001,Raj Kumar,9876500001,Out For Delivery,"12 MG Road, Delhi",110002,370',
  'AWB2000002,Priya Sharma,9876500002,Undelivered,"4 Park Street, Kolkata",700016,1250',
  'AWB2000003,Amit Verma,9876500003,OFD,"22 FC Road, Pune",411004,0',
  'AWB2000004,Sunita Devi,9876500004,In Transit,"8 Anna Salai, Chennai",600002,499',
  'AWB2000005,Rohan Das,12345,OFD,"3 Brigade Road, Bengaluru",560025,899',
  '',
].join('\n');

/** Priya's number is busy every time; everyone else answers and confirms. */
export const OUTCOMES = {
  '9876500001': ['answered'],
  '9876500002': ['busy'],
  '9876500003': ['answered'],
};

export const SCREENSHOTS = 'tests/e2e/screenshots';
