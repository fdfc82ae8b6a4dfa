/**
 * Formats rows as a Markdown table (what apps print: "paper | ours | command"). Numbers keep up to
 * `digits` significant digits; columns are padded to line up in a terminal.
 */
export function formatTable(rows: readonly Readonly<Record<string, unknown>>[], digits = 4): string {
  if (rows.length === 0) return '';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown) =>
    value === undefined || value === null
      ? ''
      : typeof value === 'number' && !Number.isInteger(value)
        ? String(Number(value.toPrecision(digits)))
        : String(value);
  const cells = rows.map((row) => columns.map((column) => cell(row[column])));
  const widths = columns.map((column, i) => Math.max(column.length, 3, ...cells.map((line) => line[i]!.length)));
  const line = (values: readonly string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}
