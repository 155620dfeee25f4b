/** Small coloured labels: outcomes, order types, modes. The tone carries meaning; the text says it. */
import type { ReactNode } from 'react';

export type Tone = 'good' | 'warn' | 'bad' | 'muted' | 'info' | 'live';

export function Badge({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
