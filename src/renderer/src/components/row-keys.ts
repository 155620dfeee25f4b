/**
 * The keyboard for the rows of a plain table (Today's sessions): each row is a tab stop, ↑/↓ move between
 * the table's focusable rows and Enter opens the focused row. Keys pressed on a button inside the row are
 * the button's.
 */
import type { KeyboardEvent } from 'react';

export function onRowKeys(event: KeyboardEvent<HTMLElement>, open: () => void): void {
  if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.key === 'Enter') {
    event.preventDefault();
    open();
    return;
  }
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const rows = [
    ...(event.currentTarget.parentElement?.querySelectorAll<HTMLElement>(':scope > [tabindex]') ?? []),
  ];
  const next = rows[rows.indexOf(event.currentTarget) + (event.key === 'ArrowDown' ? 1 : -1)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}
