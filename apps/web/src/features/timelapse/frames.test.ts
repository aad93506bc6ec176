import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FROM,
  framesOf,
  listFrames,
  localToday,
  parseTimelapseSearch,
  reformFrameIndex,
  serializeTimelapseSearch,
  snapToFrame,
  stepFrame,
} from './frames';

const TODAY = '2026-11-27';
const frames = listFrames(DEFAULT_FROM, TODAY);

describe('listFrames', () => {
  it('gives every month end from September 2021, then today', () => {
    expect(frames.slice(0, 3)).toEqual(['2021-09-30', '2021-10-31', '2021-11-30']);
    expect(frames.slice(-2)).toEqual(['2026-10-31', '2026-11-27']);
    // Sep 2021 … Oct 2026 is 62 month ends, plus today
    expect(frames).toHaveLength(63);
  });

  it('crosses the reform from 30/06/2025 straight to 31/07/2025', () => {
    const i = frames.indexOf('2025-06-30');
    expect(frames.slice(i, i + 2)).toEqual(['2025-06-30', '2025-07-31']);
    expect(frames[reformFrameIndex(frames)]).toBe('2025-07-31');
  });

  it('ends on a month end when today is one, and has today alone when from is this month', () => {
    expect(listFrames('2025-05-10', '2025-08-31')).toEqual(['2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31']);
    expect(listFrames('2026-11-03', TODAY)).toEqual([TODAY]);
    expect(listFrames('2027-01-01', TODAY)).toEqual([TODAY]);
  });

  it('has no reform frame when all frames are in one scheme', () => {
    expect(reformFrameIndex(listFrames('2022-01-01', '2022-12-31'))).toBe(-1);
    expect(reformFrameIndex(listFrames('2025-08-01', TODAY))).toBe(-1);
  });
});

describe('framesOf', () => {
  it('runs reform34 to today and legacy63 up to 30/06/2025, in one geography', () => {
    expect(framesOf('reform34', DEFAULT_FROM, TODAY)).toEqual(frames);
    const legacy = framesOf('legacy63', DEFAULT_FROM, TODAY);
    expect(legacy[0]).toBe('2021-09-30');
    expect(legacy[legacy.length - 1]).toBe('2025-06-30');
    expect(reformFrameIndex(legacy)).toBe(-1);
    expect(framesOf('legacy63', '2026-01-01', TODAY)).toEqual(['2025-06-30']);
    expect(framesOf('legacy63', '2022-01-01', '2022-03-15')).toEqual(['2022-01-31', '2022-02-28', '2022-03-15']);
  });
});

describe('snapToFrame and stepFrame', () => {
  it.each([
    ['2022-08-12', '2022-08-31'],
    ['2022-08-31', '2022-08-31'],
    ['2025-07-01', '2025-07-31'],
    ['2008-08-01', '2021-09-30'],
    ['2026-11-20', '2026-11-27'],
    ['2030-01-01', '2026-11-27'],
  ])('shows %s as the frame %s', (date, frame) => expect(snapToFrame(frames, date)).toBe(frame));

  it('steps one month and stops at the ends', () => {
    expect(stepFrame(frames, '2022-08-31', 1)).toBe('2022-09-30');
    expect(stepFrame(frames, '2022-08-31', -1)).toBe('2022-07-31');
    expect(stepFrame(frames, '2025-06-30', 1)).toBe('2025-07-31');
    expect(stepFrame(frames, '2021-09-30', -1)).toBe('2021-09-30');
    expect(stepFrame(frames, TODAY, 1)).toBe(TODAY);
    expect(stepFrame(frames, '2022-08-12', 1)).toBe('2022-09-30');
  });
});

describe('parseTimelapseSearch', () => {
  it('keeps the scheme the URL names, whatever the date', () => {
    expect(parseTimelapseSearch('?scheme=legacy63&asOf=2022-08-31', TODAY)).toEqual({
      scheme: 'legacy63',
      asOf: '2022-08-31',
      from: DEFAULT_FROM,
      play: false,
      speed: 'normal',
    });
    expect(parseTimelapseSearch('?scheme=reform34&asOf=2022-08-12', TODAY)).toMatchObject({ scheme: 'reform34', asOf: '2022-08-31' });
    expect(parseTimelapseSearch('?scheme=legacy63&asOf=2025-07-31', TODAY)).toMatchObject({ scheme: 'legacy63', asOf: '2025-06-30' });
  });

  it.each([
    ['', { asOf: TODAY, from: DEFAULT_FROM, scheme: 'reform34' }],
    ['scheme=legacy63', { asOf: '2025-06-30', scheme: 'legacy63' }],
    ['scheme=reform34', { asOf: TODAY, scheme: 'reform34' }],
    ['scheme=other', { asOf: TODAY, scheme: 'reform34' }],
    ['asOf=2022-02-30', { asOf: TODAY }],
    ['scheme=legacy63&asOf=2022-02-30', { asOf: '2025-06-30' }],
    ['asOf=2022-08-12', { asOf: '2022-08-31', scheme: 'reform34' }],
    ['asOf=2099-01-01', { asOf: TODAY, scheme: 'reform34' }],
    ['from=2022-01-15&asOf=2021-12-31', { from: '2022-01-15', asOf: '2022-01-31' }],
    ['from=1999-01-01', { from: DEFAULT_FROM }],
    ['from=2030-01-01', { from: DEFAULT_FROM }],
    ['play=1&speed=fast', { play: true, speed: 'fast' }],
    ['play=yes&speed=warp', { play: false, speed: 'normal' }],
  ])('falls back or clamps for %j', (query, expected) => {
    expect(parseTimelapseSearch(query, TODAY)).toMatchObject(expected);
  });

  it('round-trips through the URL', () => {
    const search = parseTimelapseSearch('?from=2022-01-15&asOf=2025-07-31&play=1&speed=slow', TODAY);
    expect(serializeTimelapseSearch(search).toString()).toBe('scheme=reform34&asOf=2025-07-31&from=2022-01-15&play=1&speed=slow');
    expect(parseTimelapseSearch(serializeTimelapseSearch(search), TODAY)).toEqual(search);
    expect(serializeTimelapseSearch(parseTimelapseSearch('', TODAY)).toString()).toBe(`scheme=reform34&asOf=${TODAY}`);
    expect(serializeTimelapseSearch(parseTimelapseSearch('?scheme=legacy63', TODAY)).toString()).toBe('scheme=legacy63&asOf=2025-06-30');
    expect(serializeTimelapseSearch(parseTimelapseSearch('?scheme=reform34&asOf=2021-09-30', TODAY)).toString()).toBe('scheme=reform34&asOf=2021-09-30');
  });
});

describe('localToday', () => {
  it('writes the local calendar date', () => {
    expect(localToday(new Date(2025, 6, 1, 23, 30))).toBe('2025-07-01');
  });
});
