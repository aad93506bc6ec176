import type { CoverageResponse, Level } from '@mttq/core';
import { useMemo, type ReactNode } from 'react';
import { useLocale } from '../../i18n/locale';
import { headlineCardText, toHeadlineCards } from './overview-cards';

/**
 * One card per level as people say it ("63/63 tỉnh, thành"), with its covered and verified
 * shares; `footer` adds a line under a level's card (the overview's change since last month).
 */
export function HeadlineCardList({ coverage, footer }: { coverage: Pick<CoverageResponse, 'scheme' | 'levels'>; footer?: (level: Level) => ReactNode }) {
  const { t, locale } = useLocale();
  const cards = useMemo(() => toHeadlineCards(coverage), [coverage]);
  return (
    <ul className="cards">
      {cards.map((card) => {
        const text = headlineCardText(card, coverage.scheme, t, locale);
        return (
          <li key={card.level} className="card">
            <strong>{text.fraction}</strong>
            <span>{text.coveredShare}</span>
            <span className="muted">{text.verifiedShare}</span>
            {footer?.(card.level)}
          </li>
        );
      })}
    </ul>
  );
}
