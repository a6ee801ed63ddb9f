/**
 * Where the rows of a generated (pretty-printed) file are, by line: enough for the benchmark
 * to place edits and requests and to tell which row a diagnostic belongs to.
 */
export class FileLayout {
  readonly lines: string[];
  /** Line of each row's opening brace. */
  readonly rowStartLines: number[] = [];

  constructor(text: string) {
    this.lines = text.split('\n');
    for (let line = 0; line < this.lines.length; line++) if (this.lines[line] === '  {') this.rowStartLines.push(line);
  }

  /** Index of the row holding `line`, or -1 before the first row. */
  rowOfLine(line: number): number {
    let low = 0;
    let high = this.rowStartLines.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.rowStartLines[middle] <= line) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /** The first line of row `row` that contains `fragment`, or -1. */
  lineInRow(row: number, fragment: string): number {
    const end = this.rowStartLines[row + 1] ?? this.lines.length;
    for (let line = this.rowStartLines[row]; line < end; line++) if (this.lines[line].includes(fragment)) return line;
    return -1;
  }
}
