/**
 * The main thread's side of the intake worker: preview and import of order files run in a worker thread
 * (intake-worker.ts) with its own SQLite connection, and this client hands the file over in slices that
 * yield to the event loop between them, so neither the reading nor the handing over stalls calls in
 * flight. The worker starts on first use and again after a crash.
 *
 * Where the worker's code is: see worker-entry.ts.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../worker-entry';
import type { CsvImportResult, CsvPreview } from '../csv';
import { CsvImportError } from '../csv';
import type { FileOptions, IntakeReply, IntakeRequest, IntakeWorkerData } from './protocol';

/** Base64 characters per slice (a multiple of 4, so each slice decodes on its own): ~1.5 MB of file. */
const SLICE_CHARS = 96 * 1024;
const CLOSE_WAIT_MS = 5_000;
const YOUNG_GENERATION_MB = 8;

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class IntakeWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly data: IntakeWorkerData) {}

  preview(base64: string, options: FileOptions & { rowLimit?: number }): Promise<CsvPreview> {
    return this.request(base64, { kind: 'preview', options }) as Promise<CsvPreview>;
  }

  import(base64: string, options: FileOptions & { now: number }): Promise<CsvImportResult> {
    return this.request(base64, { kind: 'import', options }) as Promise<CsvImportResult>;
  }

  /** Lets the worker finish what it was given, closes its connection and ends the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ id: 0, kind: 'close' } satisfies IntakeRequest);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    await worker.terminate();
  }

  private async request(
    base64: string,
    message:
      | { kind: 'preview'; options: FileOptions & { rowLimit?: number } }
      | { kind: 'import'; options: FileOptions & { now: number } },
  ): Promise<unknown> {
    const worker = this.start();
    const id = this.nextId++;
    const done = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    // While it works for someone the worker keeps the process alive; idle, it does not.
    worker.ref();
    for (let at = 0; at < base64.length; at += SLICE_CHARS) {
      worker.postMessage({
        id,
        kind: 'slice',
        base64: base64.slice(at, at + SLICE_CHARS),
        total: base64.length,
      } satisfies IntakeRequest);
      await yieldToEventLoop();
    }
    worker.postMessage({ ...message, id } as IntakeRequest);
    return done;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const source = workerEntry(__dirname, 'intake-worker');
    const worker = new Worker(source.entry, {
      eval: source.eval,
      workerData: this.data,
      // A small young generation: the worker's garbage is row-sized and short-lived, and the default
      // (16 MB semi-spaces) costs tens of megabytes of resident memory during a large import.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker.on('message', (reply: IntakeReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else
        waiting.reject(
          reply.error.name === 'CsvImportError'
            ? new CsvImportError(reply.error.message)
            : Object.assign(new Error(reply.error.message), { name: reply.error.name }),
        );
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      worker.unref();
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(new Error(`The import worker failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new Error(`The import worker stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
