import type { SnapshotSummary } from '@mttq/core';
import { SCHEMES } from '@mttq/core/rules';
import { formatDate, formatNumber } from '../../i18n/format';
import { fill, type Locale, type Messages } from '../../i18n/messages';
import { unitsKey } from '../overview/overview-cards';
import type { SnapshotMessages } from './messages';
import { vietnamDate, vietnamTime } from './vietnam-time';

/**
 * A snapshot's frozen headline as people say it, top level first:
 * headlineFractions({ scheme: 'legacy63', levels: { province: 63/63, … } }, t, 'vi') → ['63/63 tỉnh, thành', '548/705 quận, huyện', '5.777/10.599 xã, phường, thị trấn']
 */
export function headlineFractions(snapshot: Pick<SnapshotSummary, 'scheme' | 'levels'>, t: Messages, locale: Locale): string[] {
  return SCHEMES[snapshot.scheme].levels.flatMap((level) => {
    const counts = snapshot.levels[level];
    if (!counts) return [];
    return [fill(t.cardFraction, { covered: formatNumber(counts.covered, locale), total: formatNumber(counts.total, locale), units: t[unitsKey(snapshot.scheme, level)] })];
  });
}

/** 'Công bố lúc 10:15 ngày 12/08/2022, người công bố: central' (Vietnam time). */
export function publishedText(snapshot: Pick<SnapshotSummary, 'createdAt' | 'createdBy'>, m: SnapshotMessages, locale: Locale): string {
  return fill(m.publishedBy, { time: vietnamTime(snapshot.createdAt), date: formatDate(vietnamDate(snapshot.createdAt), locale), user: snapshot.createdBy });
}
