/**
 * One shared 1-second ticker on the desk's clock. Countdowns and elapsed times subscribe to it in tiny leaf
 * components, so a tick re-renders a handful of text nodes, never a whole list. The desk's clock may differ
 * from the browser's (another machine, a demo clock), so the ticker reads `Date.now() + skew`, where the skew
 * is learnt from every status the desk sends.
 */
import { useSyncExternalStore } from 'react';

let skewMs = 0;
let current = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function publish(): void {
  current = Date.now() + skewMs;
  for (const listener of listeners) listener();
}

function schedule(): void {
  // Aligned to the desk clock's second boundary so every countdown on screen flips together.
  const wait = 1000 - ((Date.now() + skewMs) % 1000) + 5;
  timer = setTimeout(() => {
    publish();
    schedule();
  }, wait);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    publish();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/** Records where the desk's clock stands, given a reading `deskNow` taken just now. */
export function syncDeskClock(deskNow: number): void {
  const skew = deskNow - Date.now();
  if (Math.abs(skew - skewMs) < 250) return;
  skewMs = skew;
  publish();
}

/** The desk's time now (not reactive; for event handlers). */
export function deskNow(): number {
  return Date.now() + skewMs;
}

/** The desk's time, re-rendering the calling component once a second. Use only in leaf components. */
export function useDeskNow(): number {
  return useSyncExternalStore(subscribe, () => current);
}
