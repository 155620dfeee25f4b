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
const imports = new PreviewedImports(store);
/** Each request's file as its slices arrive: one buffer of the decoded size, filled slice by slice. */
const files = new Map<number, { bytes: Buffer; filled: number }>();
let queue: Promise<void> = Promise.resolve();

async function serve(request: Extract<IntakeRequest, { kind: 'preview' | 'import' }>): Promise<IntakeReply> {
  const file = files.get(request.id);
  files.delete(request.id);
  const bytes = file ? file.bytes.subarray(0, file.filled) : Buffer.alloc(0);
  try {
    const value =
      request.kind === 'preview'
        ? await imports.preview(bytes, request.options)
        : await imports.import(bytes, request.options);
    return { id: request.id, ok: true, value };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return { id: request.id, ok: false, error: { name, message } };
  }
}

parentPort!.on('message', (request: IntakeRequest) => {
  if (request.kind === 'slice') {
    let file = files.get(request.id);
    if (!file) {
      // Base64 holds 3 bytes in every 4 characters; padding only makes the file shorter.
      file = { bytes: Buffer.allocUnsafe(Math.ceil(request.total / 4) * 3), filled: 0 };
      files.set(request.id, file);
    }
    file.filled += file.bytes.write(request.base64, file.filled, 'base64');
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
