/**
 * The view worker: a thread of its own that reads the console's long lists (Queue, Orders, History) with its
 * own read-only connection to the desk's SQLite file (WAL: its reads never wait for the dialler's writes, nor
 * the writes for them), so that planning a queue of 100,000 orders never stalls the dialler, the scheduler or
 * the console's other requests on the main thread. Started by view-client.ts.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { ViewReply, ViewRequest, ViewWorkerData } from './protocol';
import { openViewConnection, ViewReader, type OrdersContext, type QueueContext } from './view-reader';

const { databaseFile, nativeBinding } = workerData as ViewWorkerData;

// On Linux a thread has its own nice value: this one, the lowest, gives way to the main thread (the dialler)
// whenever both want a core, and runs when the main thread waits on the network, as a dialler mostly does.
// Elsewhere the priority is the whole process's, so it is left alone.
if (process.platform === 'linux') {
  try {
    setPriority(19);
  } catch {
    // Not permitted here: the views still run, at the desk's priority.
  }
}

const db = openViewConnection(databaseFile, nativeBinding);
const reader = new ViewReader(db);
let serving = 0;
let closing = false;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function answer(request: Exclude<ViewRequest, { method: 'close' }>, stale = false): ViewReply {
  try {
    const value =
      request.method === 'queue'
        ? reader.queue(request.args, request.context, { stale })
        : request.method === 'orders'
          ? reader.orders(request.args, request.context, { stale })
          : reader.history(request.args);
    return { id: request.id, ok: true, value };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    const field = (error as { field?: unknown }).field;
    return {
      id: request.id,
      ok: false,
      error: { name, message, ...(typeof field === 'string' ? { field } : {}) },
    };
  }
}

function closeWhenIdle(): void {
  if (!closing || serving > 0) return;
  db.close();
  parentPort!.close();
}

let refreshing: ReturnType<typeof setTimeout> | null = null;

/** Plans again once the wait is over, so that the next read finds the current plan. */
function refreshAfter(wait: number, context: QueueContext | OrdersContext): void {
  if (refreshing) return;
  serving += 1;
  refreshing = setTimeout(() => {
    refreshing = null;
    try {
      if (!closing) reader.prepare(context);
    } catch {
      // The next read plans again, and says what went wrong.
    } finally {
      serving -= 1;
      closeWhenIdle();
    }
  }, wait);
}

async function serve(request: Exclude<ViewRequest, { method: 'close' }>): Promise<void> {
  serving += 1;
  try {
    // A desk whose data changes all the time is planned at most half the time (plan-cache.ts): meanwhile
    // the newest plan kept answers, and the next is made when the wait is over.
    if (request.method !== 'history') {
      const wait = reader.waitBeforePlanning(request.context);
      if (wait > 0 && reader.hasPlanFor(request.context)) {
        parentPort!.postMessage(answer(request, true));
        refreshAfter(wait, request.context);
        return;
      }
      if (wait > 0) await sleep(wait);
    }
    parentPort!.postMessage(answer(request));
  } finally {
    serving -= 1;
    closeWhenIdle();
  }
}

parentPort!.on('message', (request: ViewRequest) => {
  if (request.method === 'close') {
    closing = true;
    if (refreshing) {
      clearTimeout(refreshing);
      refreshing = null;
      serving -= 1;
    }
    closeWhenIdle();
    return;
  }
  void serve(request);
});
