/**
 * CSV text → rows of cells, under the upload limits. A small scanner rather than a general CSV
 * library (csv-parse took seconds over 5 MB): it jumps from separator to separator with indexOf,
 * and checks each cell's length and the number of cells as it goes, so a file of nothing but
 * commas, or one 5 MB cell, is refused at the first cell past a limit.
 *
 * The dialect is what spreadsheets write (RFC 4180) read leniently, as csv-parse's relax_quotes:
 * a cell may be quoted ("a, ""b""" → a, "b"), quoted cells may hold separators and line breaks, a
 * quote inside an unquoted cell is a plain character, and text after a closing quote makes the
 * cell plain text, its quotes kept ("x"y → "x"y). Records end at CRLF, LF or CR. A quote never
 * closed is a 422. An empty line is a record of one empty cell (row numbers count records).
 */
import { msg } from '../messages';
import { refusals, unprocessable, type UploadLimits, cellPlace } from './upload-limits';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Splits CSV text into records of raw cells (not trimmed), refusing past the limits.
 * splitCsv('a;"b;c"\r\nd', ';', limits) → [['a', 'b;c'], ['d']]
 */
export function splitCsv(text: string, separator: string, limits: UploadLimits): string[][] {
  const records: string[][] = [];
  const end = text.length;
  if (end === 0) return records;
  const separatorCode = separator.charCodeAt(0);
  // The next separator, CR and LF at or after some position (-1: none left), each searched for
  // again only once passed, so finding every cell's end costs one pass over the text in all.
  let nextSeparator = -2;
  let nextCR = -2;
  let nextLF = -2;
  /** The end of the cell starting at `from`: the next separator or line break, or the end. */
  const boundary = (from: number) => {
    if (nextSeparator !== -1 && nextSeparator < from) nextSeparator = text.indexOf(separator, from);
    if (nextCR !== -1 && nextCR < from) nextCR = text.indexOf('\r', from);
    if (nextLF !== -1 && nextLF < from) nextLF = text.indexOf('\n', from);
    let stop = end;
    if (nextSeparator >= 0 && nextSeparator < stop) stop = nextSeparator;
    if (nextCR >= 0 && nextCR < stop) stop = nextCR;
    if (nextLF >= 0 && nextLF < stop) stop = nextLF;
    return stop;
  };
  let record: string[] = [];
  let cells = 0;
  let pos = 0;

  const push = (value: string) => {
    if (value.length > limits.maxCellLength) throw refusals.cellLength(limits, cellPlace(records.length + 1, record.length));
    cells += 1;
    if (cells > limits.maxCells) throw refusals.cells(limits);
    record.push(value);
  };

  for (;;) {
    // A cell starts at pos.
    if (text.charCodeAt(pos) === QUOTE) {
      let value = '';
      let from = pos + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) {
          const cell = cellPlace(records.length + 1, record.length);
          throw unprocessable(msg('sheet_csv_quote', { cell }), [{ path: cell, message: msg('sheet_csv_quote_detail') }]);
        }
        if (value.length + (quote - from) > limits.maxCellLength) throw refusals.cellLength(limits, cellPlace(records.length + 1, record.length));
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += '"';
          from = quote + 2;
          continue;
        }
        const after = quote + 1;
        const next = text.charCodeAt(after);
        if (after >= end || next === separatorCode || next === CR || next === LF) {
          pos = after;
        } else {
          // Text after the closing quote: the quotes are kept and the cell goes on as plain
          // text up to the next separator ("ab"c → "ab"c; "a""b"c → "a"b"c, as csv-parse reads it).
          const stop = boundary(after);
          value = `"${value}${text.slice(quote, stop)}`;
          pos = stop;
        }
        break;
      }
      push(value);
    } else {
      const stop = boundary(pos);
      if (stop - pos > limits.maxCellLength) throw refusals.cellLength(limits, cellPlace(records.length + 1, record.length));
      push(text.slice(pos, stop));
      pos = stop;
    }

    // After a cell: a separator, a line break or the end.
    if (pos >= end) {
      records.push(record);
      return records;
    }
    const code = text.charCodeAt(pos);
    if (code === separatorCode) {
      pos += 1;
      if (pos >= end) {
        push('');
        records.push(record);
        return records;
      }
      continue;
    }
    pos += code === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
    records.push(record);
    record = [];
    if (pos >= end) return records;
  }
}
