/**
 * An AWB listed more than once in one file. A panel export lists a parcel once per status it went through,
 * oldest first, so its LAST row is where it stands now: that row is imported, and each earlier one is
 * reported as superseded (naming the row taken instead), not as an error. Importing the file again gives
 * the same result.
 */
import type { SupersededRow } from '../../../shared/desk-types';

export class RepeatedAwbs {
  private readonly lastLine = new Map<string, number>();
  private readonly earlier: { line: number; awb: string }[] = [];

  /** Notes a readable row of `awb` at `line`; rows arrive in file order. */
  note(awb: string, line: number): void {
    const previous = this.lastLine.get(awb);
    if (previous !== undefined) this.earlier.push({ line: previous, awb });
    this.lastLine.set(awb, line);
  }

  superseded(): SupersededRow[] {
    return this.earlier
      .map(({ line, awb }) => ({ line, awb, byLine: this.lastLine.get(awb)! }))
      .sort((a, b) => a.line - b.line);
  }
}
