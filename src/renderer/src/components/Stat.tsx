/** A big number with its label: the tiles of Today's totals and of an import's report. */
import type { ReactNode } from 'react';

export function Stat(props: { value: ReactNode; label: string; tone?: 'good' | 'warn' | 'bad' }) {
  return (
    <div className={props.tone ? `stat ${props.tone}` : 'stat'}>
      <div className="stat-value">{props.value}</div>
      <div className="stat-label">{props.label}</div>
    </div>
  );
}
