/** Test support: a strict RFC 4180 reader (quoted fields, doubled quotes, CRLF rows). Not a spec. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let index = 0;
  let quoted = false;
  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      index++;
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index++;
    } else if (char === '"' || char === '\n' || char === '\r') {
      throw new Error(`malformed CSV at ${index}: a bare ${JSON.stringify(char)} outside quotes`);
    } else cell += char;
    index++;
  }
  if (quoted) throw new Error('malformed CSV: unterminated quoted field');
  if (cell !== '' || row.length > 0) throw new Error('malformed CSV: the last row has no CRLF');
  return rows;
}
