/** The one search box of the lists (queue, orders, history): it matches AWB, customer name or phone. */
export function SearchBox(props: { value: string; onChange(value: string): void; testId: string }) {
  return (
    <input
      className="search"
      type="search"
      placeholder="Search AWB, name or phone"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      data-testid={props.testId}
    />
  );
}
