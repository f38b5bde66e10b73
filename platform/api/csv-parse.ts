/**
 * Reading a CSV file someone uploaded (RFC 4180: comma-separated, fields in double quotes
 * may hold commas, quotes doubled and line breaks; CRLF or LF). Strict where a spreadsheet
 * would guess: an unterminated quote or text after a closing quote is an error with its
 * line, never a silently shifted column. Bounded: at most `maxRows` records and
 * `maxFields` fields each, so a hostile file costs little before it is refused.
 */

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export interface CsvLimits {
  maxRows: number;
  maxFields: number;
}

/** The records of the text, each with the line it starts on (1-based); blank lines are skipped. */
export function parseCsv(text: string, limits: CsvLimits): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let quoted = false;
  let afterQuote = false;
  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
    if (fields.length > limits.maxFields) throw new CsvError(start, `more than ${limits.maxFields} fields`);
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) {
      records.push({ line: start, fields });
      if (records.length > limits.maxRows) throw new CsvError(start, `more than ${limits.maxRows} rows`);
    }
    fields = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else if (afterQuote) throw new CsvError(line, 'text after a closing quote');
    else if (c === '"') {
      if (field !== '') throw new CsvError(line, 'a quote inside an unquoted field');
      quoted = true;
    } else field += c;
    i++;
  }
  if (quoted) throw new CsvError(start, 'a quoted field is never closed');
  if (field !== '' || fields.length) endRecord();
  return records;
}
