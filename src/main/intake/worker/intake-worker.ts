/**
 * The intake worker: a thread of its own that previews and imports order files, so that reading a 50 MB
 * CSV never stalls the dialler, the scheduler or the console on the main thread. It has its own connection
 * to the desk's SQLite file (WAL mode, busy timeout), and writes in short transactions (OrderStaging).
 * Requests are served one at a time, in the order they come.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../../store';
import { PreviewedImports } from '../orders-file';
import type { IntakeReply, IntakeRequest, IntakeWorkerData } from './protocol';

const { databaseFile, nativeBinding } = workerData as IntakeWorkerData;

// On Linux a thread has its own nice value: this one gives way to the main thread (the dialler) whenever
// both want a core. Elsewhere the priority is the whole process's, so it is left alone.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // Not permitted here: the import still runs, at the desk's priority.
  }
}
const store = openStore(databaseFile, { nativeBinding });
// The worker reads through each file once: small page caches keep its memory near the file's size.
store.db.pragma('cache_size = -8000');
store.db.pragma('temp.cache_size = -4000');
const files = new PreviewedImports(store);
const slices = new Map<number, Buffer[]>();
let queue: Promise<void> = Promise.resolve();

async function serve(request: Extract<IntakeRequest, { kind: 'preview' | 'import' }>): Promise<IntakeReply> {
  const bytes = Buffer.concat(slices.get(request.id) ?? []);
  slices.delete(request.id);
  try {
    const value =
      request.kind === 'preview'
        ? await files.preview(bytes, request.options)
        : await files.import(bytes, request.options);
    return { id: request.id, ok: true, value };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { id: request.id, ok: false, error: { name, message } };
  }
}

parentPort!.on('message', (request: IntakeRequest) => {
  if (request.kind === 'slice') {
    const list = slices.get(request.id) ?? [];
    list.push(Buffer.from(request.base64, 'base64'));
    slices.set(request.id, list);
    return;
  }
  if (request.kind === 'close') {
    // Let the requests already taken finish, then release the file and let the thread end.
    queue = queue.then(() => {
      store.close();
      parentPort!.close();
    });
    return;
  }
  queue = queue.then(async () => parentPort!.postMessage(await serve(request)));
});
