/**
 * The main thread's side of the view worker (view-worker.ts): the desk's Queue, Orders and History methods
 * ask the worker and wait for its page, so the main thread only passes messages while the worker plans and
 * reads. The worker starts on first use and again after it failed; while nobody waits for it, it does not
 * keep the process alive.
 *
 * Where the worker's code is: see worker-entry.ts.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../worker-entry';
import { DeskArgumentError, type DeskArgs } from '../../../shared/contract';
import type { HistoryPage, OrdersPage, QueuePage } from '../../../shared/desk-types';
import type { ViewMethod, ViewReply, ViewRequest, ViewResults, ViewWorkerData } from './protocol';
import type { OrdersContext, QueueContext } from './view-reader';

/** The desk's long lists, wherever they are read. */
export interface DeskViews {
  queue(args: DeskArgs<'queue'>, context: QueueContext): Promise<QueuePage>;
  orders(args: DeskArgs<'orders'>, context: OrdersContext): Promise<OrdersPage>;
  history(args: DeskArgs<'history'>): Promise<HistoryPage>;
  close(): Promise<void>;
}

const CLOSE_WAIT_MS = 5_000;
/** A small young generation: the worker's garbage is row-sized and short-lived; 16 MB semi-spaces cost RSS. */
const YOUNG_GENERATION_MB = 8;

type Pending = { worker: Worker; resolve(value: unknown): void; reject(error: Error): void };

function rebuilt(error: { name: string; message: string; field?: string }): Error {
  if (error.name === 'DeskArgumentError') return new DeskArgumentError(error.message, error.field);
  return Object.assign(new Error(error.message), { name: error.name });
}

export class ViewWorker implements DeskViews {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly data: ViewWorkerData) {}

  queue(args: DeskArgs<'queue'>, context: QueueContext): Promise<QueuePage> {
    return this.ask<'queue'>({ method: 'queue', args, context });
  }

  orders(args: DeskArgs<'orders'>, context: OrdersContext): Promise<OrdersPage> {
    return this.ask<'orders'>({ method: 'orders', args, context });
  }

  history(args: DeskArgs<'history'>): Promise<HistoryPage> {
    return this.ask<'history'>({ method: 'history', args });
  }

  /** Lets the worker answer what it was asked, closes its connection and ends the thread. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ id: 0, method: 'close' } satisfies ViewRequest);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    await worker.terminate();
  }

  private ask<M extends ViewMethod>(
    request: Omit<Extract<ViewRequest, { method: M }>, 'id'>,
  ): Promise<ViewResults[M]> {
    const worker = this.start();
    const id = this.nextId++;
    const answered = new Promise<unknown>((resolve, reject) =>
      this.pending.set(id, { worker, resolve, reject }),
    );
    // While it works for someone the worker keeps the process alive; idle, it does not.
    worker.ref();
    worker.postMessage({ ...request, id } as ViewRequest);
    return answered as Promise<ViewResults[M]>;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const source = workerEntry(__dirname, 'view-worker');
    const worker = new Worker(source.entry, {
      eval: source.eval,
      workerData: this.data,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker.on('message', (reply: ViewReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (![...this.pending.values()].some((other) => other.worker === worker)) worker.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(rebuilt(reply.error));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      worker.unref();
      for (const [id, waiting] of this.pending) {
        if (waiting.worker !== worker) continue;
        this.pending.delete(id);
        waiting.reject(error);
      }
    };
    worker.on('error', (error) => fail(new Error(`The desk's list reader failed: ${error.message}`)));
    worker.on('exit', (code) => fail(new Error(`The desk's list reader stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
