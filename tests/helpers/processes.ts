/**
 * Real child processes for crash tests: a TypeScript entry point run by ONE node process (`node --import tsx`,
 * not the tsx CLI, which runs the script in a second node process that a SIGKILL of the first would leave
 * running), its output kept for the failure report, a line awaited with a bound, and every process a test
 * started killed when it ends, passed or failed.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Started {
  child: ChildProcess;
  pid: number;
  name: string;
  output(): string;
  /** Resolves with the signal (or exit code) once the process has gone. */
  exited: Promise<string>;
}

const started = new Set<Started>();

export function startTs(
  name: string,
  root: string,
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`)),
  );
  if (child.pid === undefined) throw new Error(`${name} could not be started`);
  const process_ = { child, pid: child.pid, name, output: () => log, exited };
  started.add(process_);
  void exited.then(() => started.delete(process_));
  return process_;
}

/** The first match of `pattern` in the output, waiting up to `timeoutMs` (startup on a loaded machine). */
export function waitForOutput(proc: Started, pattern: RegExp, timeoutMs = 90_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(proc.output());
      if (!match) return false;
      finish();
      resolve(match);
      return true;
    };
    const onData = () => void check();
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`${proc.name} did not print ${pattern} within ${timeoutMs} ms:\n${proc.output()}`));
    }, timeoutMs);
    const onExit = () => {
      if (check()) return;
      finish();
      reject(new Error(`${proc.name} exited before printing ${pattern}:\n${proc.output()}`));
    };
    function finish() {
      clearTimeout(timer);
      proc.child.stdout!.off('data', onData);
      proc.child.stderr!.off('data', onData);
      proc.child.off('exit', onExit);
    }
    if (check()) return;
    proc.child.stdout!.on('data', onData);
    proc.child.stderr!.on('data', onData);
    proc.child.once('exit', onExit);
  });
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kills every process started here that is still running (SIGKILL: a test's leftovers need no grace). */
export async function killAllStarted(): Promise<void> {
  const left = [...started];
  for (const proc of left) proc.child.kill('SIGKILL');
  await Promise.all(left.map((proc) => proc.exited));
}

/**
 * Polls `probe` until it returns a value (not undefined), every `intervalMs`, for at most `timeoutMs`; the
 * error names what was awaited and the last thing seen.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<{ value: T } | { seen: unknown }>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    const result = await probe();
    if ('value' in result) return result.value;
    last = result.seen;
    if (Date.now() > deadline) {
      throw new Error(
        `gave up after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
