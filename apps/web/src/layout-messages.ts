import { defineMessages } from './i18n/messages';

/** The application frame's words: the menu button on phones, the "not found" screen. */
export const layoutMessages = defineMessages({
  vi: {
    menu: 'Danh mục',
    notFoundTitle: 'Không tìm thấy trang này',
    notFoundText: 'Đường dẫn {path} không có trong bảng theo dõi. Có thể đường dẫn bị gõ sai hoặc đã cũ.',
    notFoundHome: 'Về trang tổng quan',
  },
  en: {
    menu: 'Menu',
    notFoundTitle: 'Page not found',
    notFoundText: 'The address {path} is not part of the dashboard. It may be mistyped or out of date.',
    notFoundHome: 'Go to the overview',
  },
});
