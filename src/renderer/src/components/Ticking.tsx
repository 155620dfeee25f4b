/**
 * The only components that re-render every second: a countdown to an instant and the time elapsed since
 * one. Lists render these as leaves, so a tick touches a few text nodes and nothing else.
 */
import { useDeskNow } from '../stores/ticker';
import { formatSpan } from '../format/time';

export function Countdown({ to, done = 'now' }: { to: number; done?: string }) {
  const now = useDeskNow();
  const left = to - now;
  return (
    <span className="ticking" data-testid="countdown">
      {left <= 0 ? done : formatSpan(left)}
    </span>
  );
}

export function Elapsed({ since }: { since: number }) {
  const now = useDeskNow();
  return <span className="ticking">{formatSpan(now - since)}</span>;
}

/** The desk's clock, e.g. in the header. */
export function DeskClock({ format }: { format: (ms: number) => string }) {
  const now = useDeskNow();
  return <span className="ticking">{format(now)}</span>;
}
