/** A table row: column name → value. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * Formats rows as CSV (RFC 4180): a header with the union of the columns in order of first appearance,
 * fields quoted when they hold a comma, quote or newline, missing values empty. O(rows · columns).
 */
export function toCsv(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const field = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${[columns.map(field).join(','), ...rows.map((row) => columns.map((c) => field(row[c])).join(','))].join('\n')}\n`;
}
