/**
 * The benchmarks' one output format, so figures from every bench read (and grep) the same way:
 *   machine: 2 × Intel(R) Xeon(R) …, 23.5 GiB; load 0.42 0.61 0.55 (1, 5, 15 min); node v20.20.2
 *   csv-100k-end-to-end: 1620 ms (target < 2000 ms) ok
 * A figure without a target is printed without a verdict. Imported by the benches; prints nothing itself.
 */
import { cpus, loadavg, totalmem } from 'node:os';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** ok when value < below (and/or value > above). */
  target?: { below?: number; above?: number };
  /** Decimal places shown (default 0). */
  digits?: number;
}

export function isOk(figure: Figure): boolean {
  const { below, above } = figure.target ?? {};
  return (below === undefined || figure.value < below) && (above === undefined || figure.value > above);
}

export function reportLine(figure: Figure): string {
  const show = (value: number) => value.toFixed(figure.digits ?? 0);
  const head = `${figure.name}: ${show(figure.value)} ${figure.unit}`;
  if (!figure.target) return head;
  const { below, above } = figure.target;
  const wanted = [
    above === undefined ? null : `> ${show(above)} ${figure.unit}`,
    below === undefined ? null : `< ${show(below)} ${figure.unit}`,
  ]
    .filter(Boolean)
    .join(' and ');
  return `${head} (target ${wanted}) ${isOk(figure) ? 'ok' : 'MISS'}`;
}

/** Prints a figure line; returns whether it met its target (true when it has none). */
export function report(figure: Figure): boolean {
  console.log(reportLine(figure));
  return isOk(figure);
}

/** The machine and its load, printed first: figures on a busy machine are read against it. */
export function machineLine(): string {
  const processors = cpus();
  const model = processors[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown processor';
  const memory = (totalmem() / 2 ** 30).toFixed(1);
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return `machine: ${processors.length} × ${model}, ${memory} GiB; load ${load} (1, 5, 15 min); node ${process.version}`;
}
