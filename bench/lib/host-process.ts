/**
 * The headless host as `npm run serve` runs it (src/main/host/cli.ts under tsx's loader), on a data folder,
 * with the desk's clock where the benchmark wants it and the sandbox's fake VAPI; its resident memory read
 * from /proc. It runs as `node --import tsx` (one process) rather than through tsx's command line, which
 * runs the script in a child process of its own: the process measured is the host itself.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForFirstLine } from '../../tests/e2e/serve';

const ROOT = join(__dirname, '..', '..');

export interface HostProcess {
  url: string;
  origin: string;
  pid: number;
  api<T = unknown>(method: string, args?: unknown): Promise<T>;
  /** Resolves when the host prints a line matching `pattern` (or has printed one). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resident memory now and its high-water mark, in MB (Linux: /proc/<pid>/status). */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

export async function startHostProcess(
  dataDir: string,
  options: { clockStart: string; callSeconds?: number },
): Promise<HostProcess> {
  const args = ['--import', 'tsx', join(ROOT, 'src', 'main', 'host', 'cli.ts')];
  args.push('--port', '0', '--clock-start', options.clockStart);
  args.push('--sandbox-call-seconds', String(options.callSeconds ?? 2));
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ACS_DATA_DIR: dataDir, ACS_SECRET_KEY: 'file' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = await waitForFirstLine(child, () => log, 180_000);
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const pid = child.pid!;
  return {
    url,
    origin: parsed.origin,
    pid,
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
    async waitForLine(pattern, timeoutMs = 300_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = log.split('\n').find((each) => pattern.test(each));
        if (line !== undefined) return line;
        if (Date.now() > deadline) throw new Error(`the host never printed ${pattern}:\n${log.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    memory() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) =>
        Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
