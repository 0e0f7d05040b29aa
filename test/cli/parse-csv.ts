/** A strict RFC 4180 reader for tests: quoted fields, doubled quotes, CRLF rows; throws on anything else. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new Error("unterminated quoted field");
        cell += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        cell += '"';
        i++;
      }
    } else {
      const end = text.slice(i).search(/[,\r\n]/);
      cell = end === -1 ? text.slice(i) : text.slice(i, i + end);
      if (cell.includes('"')) throw new Error(`bare quote in unquoted field ${JSON.stringify(cell)}`);
      i += cell.length;
    }
    row.push(cell);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}: rows end in CRLF`);
  }
  if (row.length > 0) throw new Error("the last row does not end in CRLF");
  return rows;
}
