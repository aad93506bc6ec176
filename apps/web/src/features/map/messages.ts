import { defineMessages } from '../../i18n/messages';

/**
 * The map screen's own text. {units} is the commune-level noun of the scheme from the shared
 * catalogue ('xã, phường, thị trấn' in legacy63, 'xã, phường, đặc khu' in reform34).
 */
export const mapMessages = defineMessages({
  vi: {
    measureLabel: 'Chỉ số',
    measure_coverage: 'Tỷ lệ {units} có trang',
    measure_districtCoverage: 'Tỷ lệ quận, huyện có trang',
    measure_active: 'Tỷ lệ {units} có trang hoạt động',
    measure_verified: 'Tỷ lệ {units} có trang đã xác minh',
    measureNote_coverage: 'Đơn vị có trang: có ít nhất một trang của Ủy ban MTTQ đang hoạt động tính đến ngày số liệu.',
    measureNote_districtCoverage: 'Chỉ có trong cơ cấu 63 tỉnh, thành (cấp huyện bỏ từ 01/07/2025).',
    measureNote_active: 'Trang hoạt động: có bài đăng trong tháng của ngày số liệu hoặc tháng trước đó.',
    measureNote_verified: 'Trang đã xác minh: đã được cán bộ Trung ương xác nhận.',
    modeLabel: 'Kiểu bản đồ',
    mode_grid: 'Lưới ô vuông',
    mode_bubbles: 'Vòng tròn theo vị trí',

    mapTitle: '{measure} theo tỉnh, thành',
    mapLabel_grid: 'Bản đồ lưới ô vuông: mỗi ô là một tỉnh, thành',
    mapLabel_bubbles: 'Bản đồ vòng tròn đặt tại vị trí các tỉnh, thành',
    keyboardHint: 'Bàn phím: Tab để vào bản đồ, phím mũi tên để chuyển giữa các tỉnh, thành, Enter để mở trang tỉnh, thành đang chọn, Esc để ẩn chú thích.',
    gridNote: 'Mỗi tỉnh, thành là một ô cùng kích thước, xếp gần đúng vị trí địa lý.',
    bubbleNote: 'Diện tích vòng tròn tỷ lệ với số {units} của tỉnh, thành.',
    noBaseMap: 'Chưa cấu hình bản đồ nền, nên chỉ vẽ vị trí các tỉnh, thành.',
    loadingMap: 'Đang tải số liệu bản đồ…',
    allZero: 'Đến ngày {date}, mọi tỉnh, thành đều ở mức 0% theo chỉ số này.',
    shapeLabel: '{name}: {share} ({fraction})',
    shapeLabelNoData: '{name}: chưa có số liệu',

    legendTitle: 'Chú giải',
    legendRange: 'Từ {from} đến dưới {to}',
    legendTop: 'Từ {from} trở lên',
    legendCount: '{count} tỉnh, thành',
    legendCountOne: '1 tỉnh, thành',
    legendNoData: 'Chưa có số liệu',
    bubbleKeyTitle: 'Kích thước vòng tròn',
    bubbleKeyItem: '{count} {units}',

    tipFraction: '{covered}/{total} ({share})',
    tip_coverage: '{units} có trang',
    tip_districtCoverage: 'Quận, huyện có trang',
    tip_active: '{units} có trang hoạt động',
    tip_verified: '{units} có trang đã xác minh',
    tipOpen: 'Nhấn để mở trang tỉnh, thành',

    tableTitle: 'Bảng số liệu: {measure}',
    colProvince: 'Tỉnh, thành',
    colFraction: 'Có / tổng số',
    colShare: 'Tỷ lệ',
    colClass: 'Nhóm',
    tableScrollLabel: 'Bảng số liệu bản đồ, cuộn ngang được',

    zoomIn: 'Phóng to',
    zoomOut: 'Thu nhỏ',
  },
  en: {
    measureLabel: 'Measure',
    measure_coverage: 'Share of {units} with a page',
    measure_districtCoverage: 'Share of districts with a page',
    measure_active: 'Share of {units} with an active page',
    measure_verified: 'Share of {units} with a verified page',
    measureNote_coverage: "A unit has a page when at least one page of its Front committee is live on the figures' date.",
    measureNote_districtCoverage: 'Only in the 63-province structure (districts were abolished on 1 Jul 2025).',
    measureNote_active: "An active page posted in the month of the figures' date or the month before.",
    measureNote_verified: 'A verified page was confirmed by central staff.',
    modeLabel: 'Map type',
    mode_grid: 'Tile grid',
    mode_bubbles: 'Circles at locations',

    mapTitle: '{measure}, by province',
    mapLabel_grid: 'Tile-grid map: one tile per province',
    mapLabel_bubbles: 'Map of circles placed at the provinces',
    keyboardHint: 'Keyboard: Tab into the map, move between provinces with the arrow keys, press Enter to open the selected province, Esc to hide the tooltip.',
    gridNote: 'Every province is one tile of the same size, placed roughly where it lies.',
    bubbleNote: "A circle's area is proportional to the province's number of {units}.",
    noBaseMap: "No base map is configured, so only the provinces' positions are drawn.",
    loadingMap: 'Loading the map figures…',
    allZero: 'As of {date}, every province is at 0% on this measure.',
    shapeLabel: '{name}: {share} ({fraction})',
    shapeLabelNoData: '{name}: no data yet',

    legendTitle: 'Legend',
    legendRange: '{from} to under {to}',
    legendTop: '{from} and above',
    legendCount: '{count} provinces',
    legendCountOne: '1 province',
    legendNoData: 'No data yet',
    bubbleKeyTitle: 'Circle size',
    bubbleKeyItem: '{count} {units}',

    tipFraction: '{covered}/{total} ({share})',
    tip_coverage: '{units} with a page',
    tip_districtCoverage: 'Districts with a page',
    tip_active: '{units} with an active page',
    tip_verified: '{units} with a verified page',
    tipOpen: 'Click to open the province',

    tableTitle: 'Data table: {measure}',
    colProvince: 'Province',
    colFraction: 'Units counted / total',
    colShare: 'Share',
    colClass: 'Class',
    tableScrollLabel: 'Map data table, scrolls sideways',

    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
  },
});

export type MapMessages = Record<keyof (typeof mapMessages)['vi'], string>;
