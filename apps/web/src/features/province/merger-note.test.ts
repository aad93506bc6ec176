import type { CrosswalkLink, UnitDetailResponse, UnitItem } from '@mttq/core';
import { describe, expect, it } from 'vitest';
import { provinceMessages } from './messages';
import { englishName, joinList, mergerNote, mergerNoteText, nameInSentence, successorToCheck } from './merger-note';

const link = (scheme: CrosswalkLink['scheme'], code: string, name: string, level: CrosswalkLink['level'] = 'province', isSplit = false): CrosswalkLink => ({
  scheme,
  code,
  name,
  level,
  basis: 'manual',
  isSplit,
});
const unit = (code: string, name: string, level: UnitItem['level'] = 'province'): UnitItem => ({
  code,
  name,
  shortName: name,
  level,
  kind: 'tinh',
  parentCode: null,
  provinceCode: code.slice(0, 2),
  region: 'north-central-coast',
});
type Detail = Pick<UnitDetailResponse, 'scheme' | 'unit' | 'nowPartOf' | 'formerly'>;

const quangNgai34: Detail = { scheme: 'reform34', unit: unit('51', 'Tỉnh Quảng Ngãi'), formerly: [link('legacy63', '51', 'Tỉnh Quảng Ngãi'), link('legacy63', '62', 'Tỉnh Kon Tum')] };
const hanoi34: Detail = { scheme: 'reform34', unit: unit('01', 'Thành phố Hà Nội'), formerly: [link('legacy63', '01', 'Thành phố Hà Nội')] };
const kontum63: Detail = { scheme: 'legacy63', unit: unit('62', 'Tỉnh Kon Tum'), nowPartOf: [link('reform34', '51', 'Tỉnh Quảng Ngãi')] };
const quangNgai63: Detail = { scheme: 'legacy63', unit: unit('51', 'Tỉnh Quảng Ngãi'), nowPartOf: [link('reform34', '51', 'Tỉnh Quảng Ngãi')] };
const hanoi63: Detail = { scheme: 'legacy63', unit: unit('01', 'Thành phố Hà Nội'), nowPartOf: [link('reform34', '01', 'Thành phố Hà Nội')] };

const text = (detail: Detail, locale: 'vi' | 'en', successorFormerly?: CrosswalkLink[]) => mergerNoteText(mergerNote(detail, successorFormerly), provinceMessages[locale], locale);

describe('mergerNote', () => {
  it('says what a merged reform34 province was made of', () => {
    expect(text(quangNgai34, 'vi')).toBe('Gồm tỉnh Quảng Ngãi và tỉnh Kon Tum (cũ)');
    expect(text(quangNgai34, 'en')).toBe('Formed from the former Quảng Ngãi and Kon Tum provinces');
  });

  it('says a province of the same name was merged all the same (links, not names, decide)', () => {
    expect(mergerNote(quangNgai34).kind).toBe('formedFrom');
    expect(text(quangNgai63, 'vi', quangNgai34.formerly)).toBe('Nay thuộc tỉnh Quảng Ngãi');
    expect(text(kontum63, 'vi', quangNgai34.formerly)).toBe('Nay thuộc tỉnh Quảng Ngãi');
    expect(text(kontum63, 'en', quangNgai34.formerly)).toBe('Now part of Quảng Ngãi province');
  });

  it('says an unchanged unit was not merged', () => {
    expect(text(hanoi34, 'vi')).toBe('Không sáp nhập (trước 01/07/2025 là thành phố Hà Nội)');
    expect(text(hanoi34, 'en')).toBe('Not merged (before 1 Jul 2025: Hà Nội city)');
    expect(text(hanoi63, 'vi', hanoi34.formerly)).toBe('Không sáp nhập (từ 01/07/2025 là thành phố Hà Nội)');
  });

  it('asks for the successor only when one successor of the same level could be unchanged', () => {
    expect(successorToCheck(hanoi63)?.code).toBe('01');
    expect(successorToCheck(hanoi34)).toBeNull();
    expect(successorToCheck({ scheme: 'legacy63', unit: unit('001', 'Quận Ba Đình', 'district'), nowPartOf: [link('reform34', '01', 'Thành phố Hà Nội')] })).toBeNull();
    // not known yet: "now part of", which is true either way
    expect(mergerNote(hanoi63).kind).toBe('nowPartOf');
  });

  it('names the parts of split communes and the units a split commune went to', () => {
    const ward: Detail = {
      scheme: 'reform34',
      unit: unit('21025', 'Phường Cẩm Thành', 'commune'),
      formerly: [link('legacy63', '21019', 'Phường Nghĩa Chánh', 'commune'), link('legacy63', '21031', 'Xã Nghĩa Dõng', 'commune', true)],
    };
    expect(text(ward, 'vi')).toBe('Gồm phường Nghĩa Chánh và một phần xã Nghĩa Dõng (cũ)');
    expect(text(ward, 'en')).toBe('Formed from the former Nghĩa Chánh ward and part of the former Nghĩa Dõng commune');
    const split: Detail = {
      scheme: 'legacy63',
      unit: unit('21031', 'Xã Nghĩa Dõng', 'commune'),
      nowPartOf: [link('reform34', '21025', 'Phường Cẩm Thành', 'commune', true), link('reform34', '21028', 'Phường Trương Quang Trọng', 'commune', true)],
    };
    expect(text(split, 'vi')).toBe('Nay được chia cho phường Cẩm Thành và phường Trương Quang Trọng');
    expect(text(split, 'en')).toBe('Now divided between Cẩm Thành ward and Trương Quang Trọng ward');
  });

  it('says when no counterpart is known', () => {
    expect(text({ scheme: 'reform34', unit: unit('99999', 'Đặc khu X', 'commune'), formerly: [] }, 'vi')).toBe('Chưa có thông tin đơn vị tương ứng ở cơ cấu kia.');
  });
});

describe('the sentence helpers', () => {
  it('join lists as people write them', () => {
    expect(joinList(['a'], 'vi')).toBe('a');
    expect(joinList(['a', 'b', 'c'], 'vi')).toBe('a, b và c');
    expect(joinList(['a', 'b'], 'en')).toBe('a and b');
  });

  it('write names inside a sentence and in English', () => {
    expect(nameInSentence('Thành phố Hồ Chí Minh')).toBe('thành phố Hồ Chí Minh');
    expect(englishName('Đặc khu Phú Quốc')).toEqual({ proper: 'Phú Quốc', one: 'special zone', many: 'special zones' });
    expect(englishName('Kon Tum')).toEqual({ proper: 'Kon Tum', one: '', many: '' });
  });
});
