/**
 * The catalogue's part for the HTTP layer: one text per error code (what a client shows when
 * it knows nothing more), field problems, and the errors of routing, storage and validation.
 */
import { defineCatalogue } from './catalogue';

export const httpMessages = defineCatalogue({
  bad_request: { vi: 'Yêu cầu không hợp lệ; xem chi tiết từng trường.', en: 'The request is not valid; see the details of each field.' },
  unauthorized: { vi: 'Cần đăng nhập.', en: 'Sign in first.' },
  forbidden: { vi: 'Tài khoản của bạn không được làm việc này.', en: 'Your account may not do this.' },
  not_found: { vi: 'Không tìm thấy.', en: 'Not found.' },
  conflict: { vi: 'Dữ liệu đã thay đổi; hãy tải lại rồi làm lại.', en: 'The data changed; reload and try again.' },
  payload_too_large: { vi: 'Nội dung gửi lên quá lớn.', en: 'What was sent is too large.' },
  unprocessable: { vi: 'Không xử lý được nội dung gửi lên.', en: 'What was sent cannot be processed.' },
  too_many_attempts: { vi: 'Quá nhiều lần thử; hãy đợi rồi thử lại.', en: 'Too many attempts; wait and try again.' },
  unavailable: { vi: 'Máy chủ đang bận; hãy thử lại sau ít phút.', en: 'The server is busy; try again in a few minutes.' },
  error: { vi: 'Có lỗi xảy ra.', en: 'Something went wrong.' },
  internal: { vi: 'Lỗi máy chủ. Sự cố đã được ghi lại.', en: 'Internal server error. The problem has been logged.' },
  no_route: { vi: 'Không có địa chỉ {method} {path}.', en: 'No route for {method} {path}.' },
  field_problem: { vi: '{path}: {problem}', en: '{path}: {problem}' },
  storage_full: {
    vi: 'Máy chủ không lưu được dữ liệu: ổ đĩa đã đầy. Chưa có gì được lưu. Hãy thử lại sau; quản trị viên cần giải phóng dung lượng trước.',
    en: 'The server cannot store data: its disk is full. Nothing was saved. Try again later; an administrator has to free disk space first.',
  },
  storage_error: {
    vi: 'Máy chủ không lưu được dữ liệu: ổ đĩa báo lỗi ({sqliteCode}). Chưa có gì được lưu. Hãy thử lại sau và báo quản trị viên nếu lỗi còn lặp lại.',
    en: 'The server cannot store data: its disk reported an error ({sqliteCode}). Nothing was saved. Try again later, and tell an administrator if it persists.',
  },
  storage_read_only: {
    vi: 'Máy chủ không lưu được dữ liệu: cơ sở dữ liệu không ghi được ({sqliteCode}). Chưa có gì được lưu; hãy báo quản trị viên.',
    en: 'The server cannot store data: its database cannot be written ({sqliteCode}). Nothing was saved; tell an administrator.',
  },
});
