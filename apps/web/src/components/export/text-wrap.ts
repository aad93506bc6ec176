/**
 * Splits `text` into lines no wider than `maxWidth` by `measure`, breaking between words; a single
 * word wider than the line stays whole on its own line.
 * wrapText('Số liệu đến ngày 12/08/2022', 60, (s) => s.length * 6) → ['Số liệu', 'đến ngày', '12/08/2022']
 */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const words = text.split(/\s+/u).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}
