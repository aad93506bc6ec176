import { describe, it, expect } from 'vitest';
import type { Level, Region, Unit, UnitKind } from '@mttq/core';
import { foldDiacritics, matchUnit, MAX_CANDIDATES, nameKey } from './name-matching';

function unit(
  code: string,
  level: Level,
  kind: UnitKind,
  name: string,
  shortName: string,
  parentCode: string | null,
  provinceCode: string,
  region: Region = 'red-river-delta',
  scheme: Unit['scheme'] = 'legacy63',
): Unit {
  return { scheme, code, level, name, shortName, kind, parentCode, provinceCode, region };
}

// A hand-made slice of legacy63 with the spellings the GSO list really uses, including its
// old-style "Hoà Bình" next to new-style "Khánh Hòa", and both "Phường 01" and "Phường 1".
const LEGACY: Unit[] = [
  unit('01', 'province', 'thanh-pho-trung-uong', 'Thành phố Hà Nội', 'Hà Nội', null, '01'),
  unit('02', 'province', 'tinh', 'Tỉnh Hà Giang', 'Hà Giang', null, '02'),
  unit('17', 'province', 'tinh', 'Tỉnh Hoà Bình', 'Hoà Bình', null, '17'),
  unit('33', 'province', 'tinh', 'Tỉnh Hưng Yên', 'Hưng Yên', null, '33'),
  unit('34', 'province', 'tinh', 'Tỉnh Thái Bình', 'Thái Bình', null, '34'),
  unit('35', 'province', 'tinh', 'Tỉnh Hà Nam', 'Hà Nam', null, '35'),
  unit('38', 'province', 'tinh', 'Tỉnh Thanh Hóa', 'Thanh Hóa', null, '38'),
  unit('42', 'province', 'tinh', 'Tỉnh Hà Tĩnh', 'Hà Tĩnh', null, '42'),
  unit('46', 'province', 'tinh', 'Tỉnh Thừa Thiên Huế', 'Thừa Thiên Huế', null, '46'),
  unit('48', 'province', 'thanh-pho-trung-uong', 'Thành phố Đà Nẵng', 'Đà Nẵng', null, '48'),
  unit('49', 'province', 'tinh', 'Tỉnh Quảng Nam', 'Quảng Nam', null, '49'),
  unit('51', 'province', 'tinh', 'Tỉnh Quảng Ngãi', 'Quảng Ngãi', null, '51'),
  unit('56', 'province', 'tinh', 'Tỉnh Khánh Hòa', 'Khánh Hòa', null, '56'),
  unit('67', 'province', 'tinh', 'Tỉnh Đắk Nông', 'Đắk Nông', null, '67'),
  unit('75', 'province', 'tinh', 'Tỉnh Đồng Nai', 'Đồng Nai', null, '75'),
  unit('77', 'province', 'tinh', 'Tỉnh Bà Rịa - Vũng Tàu', 'Bà Rịa - Vũng Tàu', null, '77'),
  unit('79', 'province', 'thanh-pho-trung-uong', 'Thành phố Hồ Chí Minh', 'Hồ Chí Minh', null, '79'),

  unit('001', 'district', 'quan', 'Quận Ba Đình', 'Ba Đình', '01', '01'),
  unit('024', 'district', 'thanh-pho', 'Thành phố Hà Giang', 'Hà Giang', '02', '02'),
  unit('326', 'district', 'huyen', 'Huyện Khoái Châu', 'Khoái Châu', '33', '33'),
  unit('343', 'district', 'huyen', 'Huyện Thái Thụy', 'Thái Thụy', '34', '34'),
  unit('406', 'district', 'huyen', 'Huyện Quảng Xương', 'Quảng Xương', '38', '38'),
  unit('474', 'district', 'thanh-pho', 'Thành phố Huế', 'Huế', '46', '46'),
  unit('760', 'district', 'quan', 'Quận 1', '1', '79', '79'),
  unit('770', 'district', 'quan', 'Quận 3', '3', '79', '79'),
  unit('774', 'district', 'quan', 'Quận 5', '5', '79', '79'),
  unit('894', 'district', 'thanh-pho', 'Thành phố Hà Tiên', 'Hà Tiên', '91', '91'),

  unit('00001', 'commune', 'phuong', 'Phường Phúc Xá', 'Phúc Xá', '001', '01'),
  unit('12196', 'commune', 'thi-tran', 'Thị trấn Khoái Châu', 'Khoái Châu', '326', '33'),
  unit('12535', 'commune', 'xa', 'Xã Thuỵ An', 'Thuỵ An', '343', '34'),
  // Folding makes these two one name; communes collide like this all over the country.
  unit('16381', 'commune', 'xa', 'Xã Quang Trung', 'Quang Trung', '406', '38'),
  unit('16384', 'commune', 'xa', 'Xã Quảng Trung', 'Quảng Trung', '406', '38'),
  unit('27154', 'commune', 'phuong', 'Phường 01', '01', '770', '79'),
  unit('27298', 'commune', 'phuong', 'Phường 1', '1', '774', '79'),
];

const REFORM: Unit[] = [
  unit('46', 'province', 'thanh-pho-trung-uong', 'Thành phố Huế', 'Huế', null, '46'),
  unit('79', 'province', 'thanh-pho-trung-uong', 'Thành phố Hồ Chí Minh', 'Hồ Chí Minh', null, '79'),
  unit('26734', 'commune', 'phuong', 'Phường Sài Gòn', 'Sài Gòn', '79', '79'),
  unit('26737', 'commune', 'dac-khu', 'Đặc khu Côn Đảo', 'Côn Đảo', '79', '79'),
].map((u) => ({ ...u, scheme: 'reform34' as const }));

const names = (candidates: ReturnType<typeof matchUnit>['candidates']) =>
  candidates.map((c) => c.unit.name);

describe('nameKey', () => {
  it.each([
    ['NFD input keys like NFC', 'Hòa Bình'.normalize('NFD'), 'Hòa Bình'],
    ['NFD input with old-style tone keys like NFC', 'Thuỵ An'.normalize('NFD'), 'Thụy An'],
    ['old-style "Hoà" keys like new-style "Hòa"', 'Hoà Bình', 'Hòa Bình'],
    ['old-style "Thuỵ" keys like new-style "Thụy"', 'Thái Thuỵ', 'Thái Thụy'],
    ['old-style "Khoá" keys like new-style "Khóa"', 'Khoá', 'Khóa'],
    ['old-style "Hoè" keys like new-style "Hòe"', 'Hoè Nhai', 'Hòe Nhai'],
    ['"Quỳ" keeps its tone on y after qu', 'Quỳ Hợp', 'Qùy Hợp'],
    ['closed syllables key the same whichever vowel got the mark', 'Hòan Kiếm', 'Hoàn Kiếm'],
    ['case is ignored', 'HÀ GIANG', 'hà giang'],
    ['extra and odd whitespace is ignored', '  Hà \t  Giang ', 'Hà Giang'],
    ['"Tỉnh" is stripped', 'Tỉnh Hà Giang', 'Hà Giang'],
    ['"Thành phố" is stripped', 'Thành phố Hồ Chí Minh', 'Hồ Chí Minh'],
    ['"TP." is stripped even without a space', 'TP.Hồ Chí Minh', 'Hồ Chí Minh'],
    ['"Tp" is stripped', 'Tp Hồ Chí Minh', 'Hồ Chí Minh'],
    ['"Q." means Quận', 'Q. Ba Đình', 'Quận Ba Đình'],
    ['"H." means Huyện', 'H. Thái Thụy', 'Huyện Thái Thụy'],
    ['"TX." means Thị xã', 'TX. Sơn Tây', 'Thị xã Sơn Tây'],
    ['"TT." means Thị trấn', 'TT. Khoái Châu', 'Thị trấn Khoái Châu'],
    ['"X." means Xã', 'X. Thuỵ An', 'Xã Thụy An'],
    ['"P." means Phường', 'P. Phúc Xá', 'Phường Phúc Xá'],
    ['"Đặc khu" is stripped', 'Đặc khu Côn Đảo', 'Côn Đảo'],
    ['hyphens with and without spaces are alike', 'Bà Rịa-Vũng Tàu', 'Bà Rịa - Vũng Tàu'],
    ['en dashes are hyphens', 'Bà Rịa – Vũng Tàu', 'Bà Rịa - Vũng Tàu'],
    ['curly apostrophes are straight ones', 'Ea H’Leo', "Ea H'Leo"],
  ])('gives one key to both spellings: %s', (_rule, a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each([
    ['Phường 1'],
    ['Phường 01'],
    ['phường 001'],
    ['P1'],
    ['p.1'],
    ['P.01'],
    ['P. 01'],
    ['Phường1'],
    ['phuong 1'],
    ['PHUONG 01'],
  ])('keys numbered ward %j as its bare number', (input) => {
    expect(nameKey(input)).toBe('1');
  });

  it.each([
    ['Tỉnh Hoà Bình', 'hòa bình'],
    ['Huyện Thái Thuỵ', 'thái thụy'],
    ['Thành phố Hồ Chí Minh', 'hồ chí minh'],
    ['Quận 10', '10'],
    // ASCII kind words are real name words too, so only a number after them is a ward/district.
    ['quan hoa', 'quan hoa'],
    ['Quan Hoá', 'quan hóa'],
    ['tinh gia', 'tinh gia'],
  ])('keeps diacritics and puts tones where the GSO lists do: %j → %j', (input, key) => {
    expect(nameKey(input)).toBe(key);
    expect(nameKey(input)).toBe(nameKey(input).normalize('NFC'));
  });

  it.each([
    ['Hà Tĩnh', 'Hà Tiên'],
    ['Hà Nam', 'Hà Năm'],
    ['Quảng Nam', 'Quang Nam'],
    ['Phường 1', 'Phường 10'],
  ])('tells apart names that differ only in diacritics or digits: %j ≠ %j', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});

describe('foldDiacritics', () => {
  it.each([
    ['Đà Nẵng', 'da nang'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['Hòa Bình'.normalize('NFD'), 'hoa binh'],
    ['  ĐẮK   NÔNG ', 'dak nong'],
  ])('folds %j to lowercase ASCII %j, đ becoming d', (input, folded) => {
    expect(foldDiacritics(input)).toBe(folded);
  });
});

describe('matchUnit picks the one unit a name means', () => {
  it.each([
    // [rule, input, options, expected unit name, reason]
    ['the full official name is exact', 'Tỉnh Hà Giang', {}, 'Tỉnh Hà Giang', 'exact'],
    ['the short name alone is exact', 'Hà Giang', { level: 'province' }, 'Tỉnh Hà Giang', 'exact'],
    ['NFD input finds the NFC name', 'Hòa Bình'.normalize('NFD'), {}, 'Tỉnh Hoà Bình', 'same-name-key'],
    ['new-style tone finds old-style data', 'Hòa Bình', {}, 'Tỉnh Hoà Bình', 'same-name-key'],
    ['old-style tone finds new-style data', 'Khánh Hoà', {}, 'Tỉnh Khánh Hòa', 'same-name-key'],
    ['old-style Khoá finds Thanh Hóa-like data', 'thanh hoá', {}, 'Tỉnh Thanh Hóa', 'same-name-key'],
    ['case and spacing do not matter', '  THANH   hóa ', {}, 'Tỉnh Thanh Hóa', 'same-name-key'],
    ['"TP." is Thành phố', 'TP. Hồ Chí Minh', {}, 'Thành phố Hồ Chí Minh', 'same-name-key'],
    ['"Tp" is Thành phố', 'Tp Đà Nẵng', {}, 'Thành phố Đà Nẵng', 'same-name-key'],
    ['"Tỉnh" picks the province over the same-named city', 'Tỉnh Hà Giang', {}, 'Tỉnh Hà Giang', 'exact'],
    ['"TP" picks the city over the same-named province', 'TP Hà Giang', {}, 'Thành phố Hà Giang', 'same-name-key'],
    ['"Q." is Quận', 'Q. Ba Đình', {}, 'Quận Ba Đình', 'same-name-key'],
    ['"Q1" is Quận 1', 'Q1', { level: 'district' }, 'Quận 1', 'same-name-key'],
    ['"H." is Huyện, whatever the tone style', 'H. Thái Thuỵ', {}, 'Huyện Thái Thụy', 'same-name-key'],
    ['"TT." picks the township over the same-named district', 'TT. Khoái Châu', {}, 'Thị trấn Khoái Châu', 'same-name-key'],
    ['"Xã" with new-style tone finds old-style data', 'Xã Thụy An', {}, 'Xã Thuỵ An', 'same-name-key'],
    ['"X." is Xã', 'x. thuỵ an', {}, 'Xã Thuỵ An', 'same-name-key'],
    ['"P." is Phường', 'P. Phúc Xá', {}, 'Phường Phúc Xá', 'same-name-key'],
    ['a diacritics-free name equal to one unit is that unit', 'ha giang', { level: 'province' }, 'Tỉnh Hà Giang', 'no-diacritics'],
    ['diacritics-free Thanh Hóa', 'thanh hoa', {}, 'Tỉnh Thanh Hóa', 'no-diacritics'],
    ['diacritics-free đ is d', 'da nang', {}, 'Thành phố Đà Nẵng', 'no-diacritics'],
    ['a diacritics-free kind word is stripped when nothing else matches', 'tinh quang ngai', {}, 'Tỉnh Quảng Ngãi', 'no-diacritics'],
    ['diacritics-free commune', 'phuc xa', {}, 'Phường Phúc Xá', 'no-diacritics'],
    ['Hà Tiên is not Hà Tĩnh', 'Hà Tiên', {}, 'Thành phố Hà Tiên', 'exact'],
    ['TP.HCM is Hồ Chí Minh', 'TP.HCM', {}, 'Thành phố Hồ Chí Minh', 'alias'],
    ['TPHCM is Hồ Chí Minh', 'TPHCM', {}, 'Thành phố Hồ Chí Minh', 'alias'],
    ['HCM is Hồ Chí Minh', 'hcm', {}, 'Thành phố Hồ Chí Minh', 'alias'],
    ['Sài Gòn is Hồ Chí Minh', 'Sài Gòn', {}, 'Thành phố Hồ Chí Minh', 'alias'],
    ['SG is Hồ Chí Minh', 'SG', {}, 'Thành phố Hồ Chí Minh', 'alias'],
    ['HN is Hà Nội', 'HN', {}, 'Thành phố Hà Nội', 'alias'],
    ['TT-Huế is Thừa Thiên Huế, not a thị trấn', 'TT-Huế', {}, 'Tỉnh Thừa Thiên Huế', 'alias'],
    ['TTH is Thừa Thiên Huế', 'TTH', {}, 'Tỉnh Thừa Thiên Huế', 'alias'],
    ['Huế as a province is Thừa Thiên Huế', 'Huế', { level: 'province' }, 'Tỉnh Thừa Thiên Huế', 'alias'],
    ['Huế as a district is the city', 'Huế', { level: 'district' }, 'Thành phố Huế', 'exact'],
    ['BR-VT is Bà Rịa - Vũng Tàu', 'BR-VT', {}, 'Tỉnh Bà Rịa - Vũng Tàu', 'alias'],
    ['BRVT is Bà Rịa - Vũng Tàu', 'BRVT', {}, 'Tỉnh Bà Rịa - Vũng Tàu', 'alias'],
    ['a hyphen without spaces matches one with spaces', 'Bà Rịa-Vũng Tàu', {}, 'Tỉnh Bà Rịa - Vũng Tàu', 'same-name-key'],
    ['an en dash matches a hyphen', 'Tỉnh Bà Rịa – Vũng Tàu', {}, 'Tỉnh Bà Rịa - Vũng Tàu', 'same-name-key'],
    ['P1 under Quận 5 is its Phường 1', 'P1', { parentCode: '774' }, 'Phường 1', 'same-name-key'],
    ['P.1 under Quận 3 is its "Phường 01"', 'P.1', { parentCode: '770' }, 'Phường 01', 'same-name-key'],
    ['"Phường 01" under Quận 5 is its "Phường 1"', 'Phường 01', { parentCode: '774' }, 'Phường 1', 'same-name-key'],
    ['"phuong 1" under Quận 3 is its "Phường 01"', 'phuong 1', { parentCode: '770' }, 'Phường 01', 'same-name-key'],
    ['a province code as parent filters communes', 'Thụy An', { parentCode: '34' }, 'Xã Thuỵ An', 'same-name-key'],
    ['typed with diacritics, the exact spelling wins over a folded twin', 'Quảng Trung', {}, 'Xã Quảng Trung', 'exact'],
  ] as const)('%s: %j', (_rule, input, options, expected, reason) => {
    const match = matchUnit(input, LEGACY, options);
    expect(match.unit?.name).toBe(expected);
    expect(match.candidates[0]?.unit).toBe(match.unit);
    expect(match.candidates[0]?.reason).toBe(reason);
  });

  it.each([
    ['Thừa Thiên Huế finds reform34 "Thành phố Huế"', 'Thừa Thiên Huế', {}, 'Thành phố Huế', 'alias'],
    ['TT-Huế finds reform34 "Thành phố Huế"', 'TT-Huế', {}, 'Thành phố Huế', 'alias'],
    ['a special zone is found without "Đặc khu"', 'Côn Đảo', {}, 'Đặc khu Côn Đảo', 'exact'],
    ['Sài Gòn as a province is Hồ Chí Minh', 'Sài Gòn', { level: 'province' }, 'Thành phố Hồ Chí Minh', 'alias'],
    ['Sài Gòn as a commune is the ward', 'Sài Gòn', { level: 'commune' }, 'Phường Sài Gòn', 'exact'],
  ] as const)('reform34: %s', (_rule, input, options, expected, reason) => {
    const match = matchUnit(input, REFORM, options);
    expect(match.unit?.name).toBe(expected);
    expect(match.candidates[0]?.reason).toBe(reason);
  });
});

describe('matchUnit leaves the choice to a person when the name is ambiguous', () => {
  it.each([
    ['Phường 1 in two districts is ambiguous without a parent', 'Phường 1', { level: 'commune' }, ['Phường 01', 'Phường 1']],
    ['P1 within a whole province is still ambiguous', 'P1', { parentCode: '79' }, ['Phường 01', 'Phường 1']],
    ['DN is Đà Nẵng, Đắk Nông or Đồng Nai', 'DN', {}, ['Thành phố Đà Nẵng', 'Tỉnh Đắk Nông', 'Tỉnh Đồng Nai']],
    ['ĐN is as ambiguous as DN', 'ĐN', {}, ['Thành phố Đà Nẵng', 'Tỉnh Đắk Nông', 'Tỉnh Đồng Nai']],
    ['a diacritics-free name that folds onto two communes', 'quang trung', {}, ['Xã Quang Trung', 'Xã Quảng Trung']],
    ['a province name shared with its capital city', 'Hà Giang', {}, ['Thành phố Hà Giang', 'Tỉnh Hà Giang']],
  ] as const)('%s', (_rule, input, options, expected) => {
    const match = matchUnit(input, LEGACY, options);
    expect(match.unit).toBeNull();
    expect(names(match.candidates).slice(0, expected.length).sort()).toEqual([...expected].sort());
  });

  it('ranks equal scores by Vietnamese collation of the name', () => {
    const match = matchUnit('DN', LEGACY);
    expect(names(match.candidates)).toEqual([
      'Thành phố Đà Nẵng',
      'Tỉnh Đắk Nông',
      'Tỉnh Đồng Nai',
    ]);
    expect(match.candidates.map((c) => c.reason)).toEqual(['alias', 'alias', 'alias']);
  });

  it('ranks a name whose kind word disagrees below the one that agrees', () => {
    const match = matchUnit('Phường 1', LEGACY, { parentCode: '79' });
    expect(names(match.candidates)).toEqual(['Phường 1', 'Phường 01', 'Quận 1']);
    const [exact, padded, district] = match.candidates;
    expect(exact?.reason).toBe('exact');
    expect(padded?.reason).toBe('same-name-key');
    expect(district!.score).toBeLessThan(padded!.score);
  });

  it('does not choose a unit when the typed diacritics disagree with it', () => {
    const match = matchUnit('Hà Năm', LEGACY, { level: 'province' });
    expect(match.unit).toBeNull();
    expect(match.candidates[0]).toMatchObject({ reason: 'no-diacritics' });
    expect(match.candidates[0]?.unit.name).toBe('Tỉnh Hà Nam');
  });

  it('offers the names a partial input starts with, without choosing', () => {
    const match = matchUnit('Quảng', LEGACY, { level: 'province' });
    expect(match.unit).toBeNull();
    expect(names(match.candidates)).toEqual(['Tỉnh Quảng Nam', 'Tỉnh Quảng Ngãi']);
    expect(match.candidates.every((c) => c.reason === 'prefix')).toBe(true);
  });

  it.each([
    ['a dropped letter', 'Ha Giag', 'Tỉnh Hà Giang'],
    ['a swapped letter', 'Thanh Hoas', 'Tỉnh Thanh Hóa'],
    ['a typo with diacritics', 'Quảng Ngãy', 'Tỉnh Quảng Ngãi'],
  ])('offers a fuzzy candidate for %s but does not choose it', (_rule, input, expected) => {
    const match = matchUnit(input, LEGACY, { level: 'province' });
    expect(match.unit).toBeNull();
    expect(match.candidates[0]).toMatchObject({ reason: 'fuzzy' });
    expect(match.candidates[0]?.unit.name).toBe(expected);
    expect(match.candidates[0]!.score).toBeLessThan(0.8);
  });

  it.each([['Atlantis'], ['   '], ['Phường 99'], ['xyz']])(
    'returns no unit and no candidates for a name nothing resembles: %j',
    (input) => {
      const match = matchUnit(input, LEGACY);
      expect(match).toEqual({ unit: null, candidates: [] });
    },
  );

  it('a level filter excludes every other level', () => {
    expect(matchUnit('Phúc Xá', LEGACY, { level: 'province' }).candidates).toEqual([]);
  });

  it(`returns at most ${MAX_CANDIDATES} candidates, best first`, () => {
    const many = Array.from({ length: 15 }, (_, i) =>
      unit(`9${String(i).padStart(4, '0')}`, 'commune', 'xa', 'Xã Tân Phú', 'Tân Phú', `d${i}`, '79'),
    );
    const match = matchUnit('Tân Phú', many);
    expect(match.unit).toBeNull();
    expect(match.candidates).toHaveLength(MAX_CANDIDATES);
    expect(match.candidates.map((c) => c.unit.code)).toEqual(
      many.slice(0, MAX_CANDIDATES).map((u) => u.code),
    );
  });

  it('scores lie in 0..1 and never increase down the list', () => {
    for (const input of ['DN', 'Hà', 'Phường 1', 'quang trung', 'Thanh Hoas', 'HCM']) {
      const scores = matchUnit(input, LEGACY).candidates.map((c) => c.score);
      for (const [i, score] of scores.entries()) {
        expect(score).toBeGreaterThan(0);
        expect(score).toBeLessThanOrEqual(1);
        if (i > 0) expect(score).toBeLessThanOrEqual(scores[i - 1]!);
      }
    }
  });
});
