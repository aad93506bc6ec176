import type { SchemeId } from '@mttq/core';
import { formatDate } from '../../i18n/format';
import { fill, MESSAGES, type Locale } from '../../i18n/messages';
import { exportMessages } from './messages';

/** What an exported figure or table shows: its date, scheme and whether the figures are demo data. */
export interface ExportInfo {
  /** YYYY-MM-DD: the as-of date of the figures (also the file name's date) */
  asOf: string;
  scheme: SchemeId;
  demo: boolean;
  /**
   * The title written into the files when it must say more than the one on screen, e.g. which
   * province or snapshot: 'Xã có trang theo thời gian — Thành phố Hà Nội'. Default: the title shown.
   */
  title?: string;
  /** The file name's base before slugging; default: the title written into the files. */
  fileName?: string;
}

/**
 * The line every exported file carries under its title, so a figure taken out of the dashboard still
 * says which date and which structure it shows.
 * sourceLine({ asOf: '2022-08-12', scheme: 'legacy63', demo: true }, 'vi')
 *   → 'Số liệu đến ngày 12/08/2022 · 63 tỉnh, thành — có cấp huyện · Nguồn: Bảng theo dõi Trang cộng đồng MTTQ · Dữ liệu minh họa'
 */
export function sourceLine(info: Pick<ExportInfo, 'asOf' | 'scheme' | 'demo'>, locale: Locale): string {
  const m = exportMessages[locale];
  const t = MESSAGES[locale];
  const parts = [fill(m.figuresAsOf, { date: formatDate(info.asOf, locale) }), t[`scheme_${info.scheme}`], fill(m.source, { app: t.appTitle })];
  if (info.demo) parts.push(m.demo);
  return parts.join(' · ');
}
