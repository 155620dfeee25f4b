/**
 * The desk's live status (scheduler, next runs, working hours, the session in progress, the log), kept
 * current by the desk's `status` events, plus the connection state and short-lived notices for the operator.
 */
import { create } from 'zustand';
import type { DeskStatus } from '../../../shared/desk-types';
import { desk, transport, type ConnectionState } from '../transport';
import { syncDeskClock } from './ticker';

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
}

interface StatusState {
  status: DeskStatus | null;
  connection: ConnectionState;
  notices: Notice[];
  notify(tone: Notice['tone'], text: string): void;
  dismiss(id: number): void;
  setStatus(status: DeskStatus): void;
}

let nextNotice = 1;

export const useStatusStore = create<StatusState>((set) => ({
  status: null,
  connection: 'connecting',
  notices: [],
  notify(tone, text) {
    const id = nextNotice++;
    set((state) => ({ notices: [...state.notices.slice(-3), { id, tone, text }] }));
    setTimeout(() => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })), 6000);
  },
  dismiss(id) {
    set((state) => ({ notices: state.notices.filter((n) => n.id !== id) }));
  },
  setStatus(status) {
    syncDeskClock(status.now);
    set({ status });
  },
}));

/** Wires the store to the bridge: refetch on (re)connect, follow `status` events. */
export function connectStatus(): void {
  const { setStatus } = useStatusStore.getState();
  transport.bridge.on('status', setStatus);
  transport.onConnection((connection) => {
    useStatusStore.setState({ connection });
    if (connection === 'open') void desk('status', {}).then(setStatus);
  });
}

/** Runs a desk command, reporting a failure as a notice; resolves to the result or null. */
export async function command<T>(run: () => Promise<T>, done?: string): Promise<T | null> {
  const { notify } = useStatusStore.getState();
  try {
    const result = await run();
    if (done) notify('info', done);
    return result;
  } catch (error) {
    notify('error', error instanceof Error ? error.message : String(error));
    return null;
  }
}
