/**
 * A table that stays smooth at 10,000 rows: a sticky header and only the visible rows in the DOM
 * (@tanstack/react-virtual). Columns are a CSS grid template shared by the header and every row, so the
 * columns line up without measuring.
 *
 * The keyboard reaches every row: Tab enters the table at its current row (one tab stop for the whole list),
 * ↑/↓, Page Up/Down, Home and End move between rows — scrolling rows that are not rendered yet into view — and
 * Enter opens the focused row, as a click does.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
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
  /** Rows that do not open (a group's heading): no pointer, Enter does nothing. */
  canOpen?(row: T): boolean;
  /** Called when the last rows come into view (infinite scroll). */
  onEndReached?(): void;
  empty?: ReactNode;
  testId?: string;
  rowClass?(row: T): string;
  /** What the list holds, for screen readers: "Orders", "Calls". */
  label?: string;
}

/** Where a key moves the focused row, or null when the key is not a move. */
function nextIndex(key: string, current: number, count: number, pageRows: number): number | null {
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'PageDown':
      return Math.min(last, current + pageRows);
    case 'PageUp':
      return Math.max(0, current - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
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
  const [active, setActive] = useState(0);
  // A row to focus once the virtualizer has rendered it (it may be off screen when the key is pressed).
  const pendingFocus = useRef<number | null>(null);
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const template = columns.map((c) => c.width).join(' ');
  const items = virtualizer.getVirtualItems();
  // The table's one tab stop: the current row, or the first rendered one when it has scrolled away.
  const tabStop = items.some((item) => item.index === activeIndex) ? activeIndex : (items[0]?.index ?? 0);
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const { onEndReached } = props;
  useEffect(() => {
    if (onEndReached && rows.length > 0 && lastIndex >= rows.length - 5) onEndReached();
  }, [onEndReached, lastIndex, rows.length]);

  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  });

  const open = (row: T) => {
    if (props.onRowClick && (props.canOpen?.(row) ?? true)) props.onRowClick(row);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      open(rows[index]!);
      return;
    }
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    const next = nextIndex(event.key, index, rows.length, pageRows);
    if (next === null || next === index) return;
    event.preventDefault();
    setActive(next);
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  return (
    <div
      className="vtable"
      data-testid={props.testId}
      role="table"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
    >
      <div className="vtable-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.title} role="columnheader" className={c.align === 'right' ? 'num' : undefined}>
            {c.title}
          </div>
        ))}
      </div>
      <div className="vtable-scroll" ref={scrollRef}>
        {rows.length === 0 ? (
          <div className="vtable-empty">{props.empty ?? 'Nothing here.'}</div>
        ) : (
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index]!;
              const opens = Boolean(props.onRowClick) && (props.canOpen?.(row) ?? true);
              return (
                <div
                  key={props.rowKey(row)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  data-index={item.index}
                  tabIndex={item.index === tabStop ? 0 : -1}
                  className={`vtable-row${opens ? ' clickable' : ''} ${props.rowClass?.(row) ?? ''}`}
                  data-testid={props.testId ? `${props.testId}-row` : undefined}
                  style={{
                    gridTemplateColumns: template,
                    height: rowHeight,
                    transform: `translateY(${item.start}px)`,
                  }}
                  onClick={opens ? () => open(row) : undefined}
                  onFocus={() => setActive(item.index)}
                  onKeyDown={(event) => onKeyDown(event, item.index)}
                >
                  {columns.map((c) => (
                    <div key={c.title} role="cell" className={c.align === 'right' ? 'num' : undefined}>
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
