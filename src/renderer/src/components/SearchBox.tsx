/**
 * The one search box of the lists (queue, orders, history): it matches AWB, customer name or phone. `/`
 * anywhere in the console (outside a text field) puts the cursor here (App.tsx).
 */
export function SearchBox(props: { value: string; onChange(value: string): void; testId: string }) {
  return (
    <input
      className="search"
      type="search"
      placeholder="Search AWB, name or phone (press /)"
      aria-label="Search AWB, name or phone"
      aria-keyshortcuts="/"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      data-testid={props.testId}
      data-search-box
    />
  );
}

/** `/` focuses the shown view's search box, as in most consoles; typed into a field it is just a slash. */
export function focusSearchOnSlash(event: KeyboardEvent): void {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
  // A drawer on top has the keyboard; the list behind it waits.
  if (document.querySelector('[role="dialog"]')) return;
  const box = document.querySelector<HTMLInputElement>('[data-search-box]');
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
}
