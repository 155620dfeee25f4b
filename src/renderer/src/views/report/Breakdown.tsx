/** One of the report's breakdowns (line outcomes, customer answers, actions): a count per kind with a bar. */
import { formatCount } from '../../format/numbers';

export interface BreakdownRow {
  key: string;
  label: string;
  count: number;
  hint?: string;
}

export function Breakdown(props: { title: string; rows: BreakdownRow[]; testId: string }) {
  const most = Math.max(1, ...props.rows.map((row) => row.count));
  return (
    <section className="breakdown" data-testid={props.testId} aria-label={props.title}>
      <h3>{props.title}</h3>
      <table className="breakdown-table">
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key} className={row.count === 0 ? 'zero' : undefined} title={row.hint}>
              <th scope="row">{row.label}</th>
              <td className="num">{formatCount(row.count)}</td>
              <td className="breakdown-bar" aria-hidden="true">
                <span style={{ width: `${(row.count / most) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
