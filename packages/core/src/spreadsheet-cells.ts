/**
 * Spreadsheet cell safety shared by the API's exports and the web app's table downloads (zod-free,
 * so the browser can load it from '@mttq/core/rules'). The import side strips the quote again
 * (apps/api/src/imports/read-table.ts cleanCell), so exports import back unchanged.
 */

/** Text a spreadsheet would run as a formula: it starts with = + - @, a tab or a carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/u;

/**
 * A text cell made safe to open in a spreadsheet.
 * neutraliseCell('=HYPERLINK("http://x")') → "'=HYPERLINK(\"http://x\")"; neutraliseCell('Hà Nội') → 'Hà Nội'
 */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
