/**
 * A table that stays smooth at 10,000 rows: a sticky header and only the visible rows in the DOM
 * (@tanstack/react-virtual). Columns are a CSS grid template shared by the header and every row, so the
 * columns line up without measuring.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column<T> {
  title: string;
  /** A CSS grid track: '120px', '1fr', 'minmax(160px, 2fr)'. */
  width: string;
  align?: 'right';
  render(row: T): ReactNode;
}

interface Props<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey(row: T): string | number;
  rowHeight?: number;
  onRowClick?(row: T): void;
  /** Called when the last rows come into view (infinite scroll). */
  onEndReached?(): void;
  empty?: ReactNode;
  testId?: string;
  rowClass?(row: T): string;
}

export function VirtualTable<T>(props: Props<T>) {
  const { rows, columns, rowHeight = 38 } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const template = columns.map((c) => c.width).join(' ');
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const { onEndReached } = props;
  useEffect(() => {
    if (onEndReached && rows.length > 0 && lastIndex >= rows.length - 5) onEndReached();
  }, [onEndReached, lastIndex, rows.length]);

  return (
    <div className="vtable" data-testid={props.testId}>
      <div className="vtable-head" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.title} className={c.align === 'right' ? 'num' : undefined}>
            {c.title}
          </div>
        ))}
      </div>
      <div className="vtable-scroll" ref={scrollRef}>
        {rows.length === 0 ? (
          <div className="vtable-empty">{props.empty ?? 'Nothing here.'}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <div
                  key={props.rowKey(row)}
                  className={`vtable-row${props.onRowClick ? ' clickable' : ''} ${props.rowClass?.(row) ?? ''}`}
                  data-testid={props.testId ? `${props.testId}-row` : undefined}
                  style={{
                    gridTemplateColumns: template,
                    height: rowHeight,
                    transform: `translateY(${item.start}px)`,
                  }}
                  onClick={props.onRowClick ? () => props.onRowClick?.(row) : undefined}
                >
                  {columns.map((c) => (
                    <div key={c.title} className={c.align === 'right' ? 'num' : undefined}>
                      {c.render(row)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
