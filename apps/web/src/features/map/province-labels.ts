import type { SchemeId } from '@mttq/core';

/**
 * Short labels for the tile grid, where a tile is about 30 px wide: the initials of the name as
 * people abbreviate it (HN, HCM, ĐN), with one more letter where two provinces of a scheme would
 * share initials (Quảng Ninh QN, Quảng Nam QNa, Quảng Ngãi QNg). Keyed by scheme first, since
 * codes are reused across schemes. The full name is in each tile's tooltip and accessible name.
 */
export const PROVINCE_LABELS: Record<SchemeId, Record<string, string>> = {
  legacy63: {
    '01': 'HN', // Hà Nội
    '02': 'HG', // Hà Giang
    '04': 'CB', // Cao Bằng
    '06': 'BK', // Bắc Kạn
    '08': 'TQ', // Tuyên Quang
    '10': 'LCa', // Lào Cai
    '11': 'ĐB', // Điện Biên
    '12': 'LCh', // Lai Châu
    '14': 'SL', // Sơn La
    '15': 'YB', // Yên Bái
    '17': 'HB', // Hòa Bình
    '19': 'TN', // Thái Nguyên
    '20': 'LS', // Lạng Sơn
    '22': 'QN', // Quảng Ninh
    '24': 'BG', // Bắc Giang
    '25': 'PT', // Phú Thọ
    '26': 'VP', // Vĩnh Phúc
    '27': 'BN', // Bắc Ninh
    '30': 'HD', // Hải Dương
    '31': 'HP', // Hải Phòng
    '33': 'HY', // Hưng Yên
    '34': 'TB', // Thái Bình
    '35': 'HNa', // Hà Nam
    '36': 'NĐ', // Nam Định
    '37': 'NB', // Ninh Bình
    '38': 'TH', // Thanh Hóa
    '40': 'NA', // Nghệ An
    '42': 'HT', // Hà Tĩnh
    '44': 'QB', // Quảng Bình
    '45': 'QT', // Quảng Trị
    '46': 'TTH', // Thừa Thiên Huế
    '48': 'ĐN', // Đà Nẵng
    '49': 'QNa', // Quảng Nam
    '51': 'QNg', // Quảng Ngãi
    '52': 'BĐ', // Bình Định
    '54': 'PY', // Phú Yên
    '56': 'KH', // Khánh Hòa
    '58': 'NT', // Ninh Thuận
    '60': 'BTh', // Bình Thuận
    '62': 'KT', // Kon Tum
    '64': 'GL', // Gia Lai
    '66': 'ĐL', // Đắk Lắk
    '67': 'ĐNô', // Đắk Nông
    '68': 'LĐ', // Lâm Đồng
    '70': 'BP', // Bình Phước
    '72': 'TNi', // Tây Ninh
    '74': 'BD', // Bình Dương
    '75': 'ĐNa', // Đồng Nai
    '77': 'BRVT', // Bà Rịa - Vũng Tàu
    '79': 'HCM', // Hồ Chí Minh
    '80': 'LA', // Long An
    '82': 'TG', // Tiền Giang
    '83': 'BTr', // Bến Tre
    '84': 'TV', // Trà Vinh
    '86': 'VL', // Vĩnh Long
    '87': 'ĐT', // Đồng Tháp
    '89': 'AG', // An Giang
    '91': 'KG', // Kiên Giang
    '92': 'CT', // Cần Thơ
    '93': 'HậG', // Hậu Giang
    '94': 'ST', // Sóc Trăng
    '95': 'BL', // Bạc Liêu
    '96': 'CM', // Cà Mau
  },
  reform34: {
    '01': 'HN', // Hà Nội
    '04': 'CB', // Cao Bằng
    '08': 'TQ', // Tuyên Quang
    '11': 'ĐB', // Điện Biên
    '12': 'LCh', // Lai Châu
    '14': 'SL', // Sơn La
    '15': 'LCa', // Lào Cai
    '19': 'TN', // Thái Nguyên
    '20': 'LS', // Lạng Sơn
    '22': 'QN', // Quảng Ninh
    '24': 'BN', // Bắc Ninh
    '25': 'PT', // Phú Thọ
    '31': 'HP', // Hải Phòng
    '33': 'HY', // Hưng Yên
    '37': 'NB', // Ninh Bình
    '38': 'TH', // Thanh Hóa
    '40': 'NA', // Nghệ An
    '42': 'HT', // Hà Tĩnh
    '44': 'QT', // Quảng Trị
    '46': 'Huế', // Huế
    '48': 'ĐN', // Đà Nẵng
    '51': 'QNg', // Quảng Ngãi
    '52': 'GL', // Gia Lai
    '56': 'KH', // Khánh Hòa
    '66': 'ĐL', // Đắk Lắk
    '68': 'LĐ', // Lâm Đồng
    '75': 'ĐNa', // Đồng Nai
    '79': 'HCM', // Hồ Chí Minh
    '80': 'TNi', // Tây Ninh
    '82': 'ĐT', // Đồng Tháp
    '86': 'VL', // Vĩnh Long
    '91': 'AG', // An Giang
    '92': 'CT', // Cần Thơ
    '96': 'CM', // Cà Mau
  },
};
