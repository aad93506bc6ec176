import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/messages';
import { snapshotMessages } from './messages';
import { headlineFractions, publishedText } from './snapshot-text';

const counts = (total: number, covered: number) => ({ total, covered, active: 0, verified: 0 });

describe('snapshot text', () => {
  it('writes the frozen headline per level, top level first', () => {
    const levels = { commune: counts(10599, 5777), province: counts(63, 63), district: counts(705, 548) };
    expect(headlineFractions({ scheme: 'legacy63', levels }, MESSAGES.vi, 'vi')).toEqual(['63/63 tỉnh, thành', '548/705 quận, huyện', '5.777/10.599 xã, phường, thị trấn']);
    expect(headlineFractions({ scheme: 'reform34', levels: { province: counts(34, 34), commune: counts(3321, 3292) } }, MESSAGES.en, 'en')).toEqual([
      '34/34 provinces and cities',
      '3,292/3,321 communes, wards and special zones',
    ]);
  });

  it('says when and by whom it was published, on Vietnam time', () => {
    expect(publishedText({ createdAt: '2022-08-12T03:15:00.000Z', createdBy: 'central' }, snapshotMessages.vi, 'vi')).toBe('Công bố lúc 10:15 ngày 12/08/2022, người công bố: central');
  });
});
