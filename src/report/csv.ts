/**
 * A CSV document for a spreadsheet: RFC 4180 (quoted where needed, CRLF line ends), UTF-8 with a
 * byte-order mark so Excel reads accents in names, and no cell that a spreadsheet would run as a formula.
 */
export function renderCsv(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/**
 * One RFC 4180 field. A cell that starts like a formula (= + - @, or a tab or carriage return that a
 * spreadsheet strips first) gets a leading apostrophe, the OWASP guard against CSV injection: record
 * titles, package names, pull-request titles and logins come from whoever wrote them.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
