/**
 * Which character separates the fields: panels export with commas, European-locale Excel with semicolons,
 * "Text (Tab delimited)" with tabs, a few systems with pipes. Decided from the first lines, ignoring
 * separators inside quoted fields, by which candidate splits the lines most consistently.
 */
export type CsvDelimiter = ',' | ';' | '\t' | '|';

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t', '|'];
const SAMPLE_LINES = 30;

/** For each sampled line, how many of each candidate it has outside quotes. */
function countPerLine(text: string): Map<CsvDelimiter, number[]> {
  const counts = new Map<CsvDelimiter, number[]>(CANDIDATES.map((candidate) => [candidate, [0]]));
  let inQuotes = false;
  let lines = 0;
  for (let index = 0; index < text.length && lines < SAMPLE_LINES; index += 1) {
    const char = text[index]!;
    if (char === '"') inQuotes = !inQuotes;
    else if (char === '\n' && !inQuotes) {
      lines += 1;
      for (const perLine of counts.values()) perLine.push(0);
    } else if (!inQuotes && counts.has(char as CsvDelimiter)) {
      const perLine = counts.get(char as CsvDelimiter)!;
      perLine[perLine.length - 1]! += 1;
    }
  }
  return counts;
}

function mostCommon(values: readonly number[]): { value: number; times: number } {
  const tally = new Map<number, number>();
  for (const value of values) if (value > 0) tally.set(value, (tally.get(value) ?? 0) + 1);
  let best = { value: 0, times: 0 };
  for (const [value, times] of tally) {
    if (times > best.times || (times === best.times && value > best.value)) best = { value, times };
  }
  return best;
}

export function sniffDelimiter(text: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; times: number; value: number } = {
    delimiter: ',',
    times: 0,
    value: 0,
  };
  for (const [delimiter, perLine] of countPerLine(text)) {
    const { value, times } = mostCommon(perLine);
    // More lines agreeing on a field count wins; then more fields (a comma inside an address is rarer).
    if (times > best.times || (times === best.times && value > best.value))
      best = { delimiter, times, value };
  }
  return best.delimiter;
}
