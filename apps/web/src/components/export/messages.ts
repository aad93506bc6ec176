import { defineMessages } from '../../i18n/messages';

/** Text of the download buttons and of the lines written into every exported file. */
export const exportMessages = defineMessages({
  vi: {
    download: 'Tải',
    chartGroup: 'Tải biểu đồ “{title}”',
    chartAs: 'Tải biểu đồ “{title}” dạng {format}',
    mapGroup: 'Tải bản đồ “{title}”',
    mapAs: 'Tải bản đồ “{title}” dạng {format}',
    tableGroup: 'Tải bảng “{title}”',
    tableAs: 'Tải bảng “{title}” dạng {format}',
    working: 'Đang tạo tệp {format}…',
    done: 'Đã tải tệp {file}.',
    failed: 'Không tạo được tệp {format}: {reason}',
    noChart: 'biểu đồ chưa vẽ xong, hãy thử lại sau giây lát.',
    unknownReason: 'lỗi không xác định.',
    figuresAsOf: 'Số liệu đến ngày {date}',
    source: 'Nguồn: {app}',
    demo: 'Dữ liệu minh họa',
  },
  en: {
    download: 'Download',
    chartGroup: 'Download the chart “{title}”',
    chartAs: 'Download the chart “{title}” as {format}',
    mapGroup: 'Download the map “{title}”',
    mapAs: 'Download the map “{title}” as {format}',
    tableGroup: 'Download the table “{title}”',
    tableAs: 'Download the table “{title}” as {format}',
    working: 'Making the {format} file…',
    done: 'Downloaded {file}.',
    failed: 'The {format} file could not be made: {reason}',
    noChart: 'the chart is not drawn yet; try again in a moment.',
    unknownReason: 'unknown error.',
    figuresAsOf: 'Figures as of {date}',
    source: 'Source: {app}',
    demo: 'Demo data',
  },
});

export type ExportMessages = (typeof exportMessages)['vi'];
