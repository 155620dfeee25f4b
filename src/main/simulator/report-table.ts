/** The simulation report as a plain-text table for a terminal. */
import type { SimulationReport } from './report';

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((cell, index) => String(cell).padStart(widths[index]!)).join('  ');
}

export function formatReportTable(report: SimulationReport): string {
  const widths = [16, 9, 6, 4, 8, 11, 7, 9, 6];
  const lines = [
    `Scenario: ${report.scenario}`,
    '',
    row(
      ['session', 'trigger', 'calls', 'new', 'retries', 'successful', 'failed', 'cooldown', 'other'],
      widths,
    ),
  ];
  for (const session of report.sessions) {
    const other = Object.entries(session.skipped)
      .filter(([reason]) => reason !== 'cooldown')
      .reduce((sum, [, count]) => sum + count, 0);
    lines.push(
      row(
        [
          session.start,
          session.trigger,
          session.calls,
          session.new,
          session.retries,
          session.successful,
          session.failed,
          session.skipped.cooldown,
          other,
        ],
        widths,
      ),
    );
  }
  const { totals } = report;
  const rate = totals.calls > 0 ? Math.round((totals.successful / totals.calls) * 100) : 0;
  lines.push(
    '',
    `Total: ${totals.calls} calls, ${totals.successful} successful (${rate}%), ${totals.failed} failed${
      totals.unresolved > 0 ? `, ${totals.unresolved} unresolved (VAPI has not said how they went)` : ''
    }`,
  );
  if (totals.errors > 0) lines.push(`Provider errors (not attempts): ${totals.errors}`);
  for (const refused of report.refused)
    lines.push(`Refused ${refused.trigger} run at ${refused.at}: ${refused.reason}`);
  for (const skipped of report.skippedSlots) lines.push(`Skipped slot ${skipped.at}: ${skipped.reason}`);
  return `${lines.join('\n')}\n`;
}
