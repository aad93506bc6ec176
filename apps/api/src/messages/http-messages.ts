/**
 * The catalogue's part for the HTTP layer: one text per error code (what a client shows when
 * it knows nothing more), field problems, and the errors of routing, storage, validation and
 * the scheme, date and unit parameters every read takes.
 */
import { defineCatalogue } from './catalogue';

/** Every error code an answer of the API can carry; the OpenAPI document's Error schema lists them. */
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unprocessable',
  'too_many_attempts',
  'unavailable',
  'error',
  'internal',
  'storage_full',
  'storage_error',
  'storage_read_only',
  'csrf',
  'password_change_required',
  'invalid_credentials',
  'account_disabled',
  'busy',
  'unsupported_media_type',
  'plan_expired',
  'plan_replaced',
  'duplicate_snapshot',
  'second_front_page',
  'connectors_off',
  'run_in_progress',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const httpMessages = defineCatalogue({
  // One generic text per error code (ERROR_CODES).
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
  csrf: { vi: 'Thiếu mã chống giả mạo yêu cầu; hãy tải lại trang rồi làm lại.', en: 'The request lacks its anti-forgery token; reload the page and try again.' },
  password_change_required: { vi: 'Hãy đặt mật khẩu của riêng bạn trước.', en: 'Set a password of your own first.' },
  invalid_credentials: { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
  account_disabled: { vi: 'Tài khoản này đã bị khóa. Hãy nhờ quản trị viên mở khóa.', en: 'This account is disabled. Ask an administrator to enable it.' },
  busy: { vi: 'Máy chủ đang bận; hãy thử lại sau ít phút.', en: 'The server is busy; try again in a few minutes.' },
  unsupported_media_type: { vi: 'Kiểu nội dung gửi lên không được hỗ trợ.', en: 'The type of what was sent is not supported.' },
  plan_expired: { vi: 'Kế hoạch nhập đã hết hạn; hãy chạy thử lại.', en: 'The import plan has expired; run the dry run again.' },
  plan_replaced: { vi: 'Kế hoạch nhập đã được thay bằng một lần chạy thử mới hơn.', en: 'The import plan was replaced by a newer dry run.' },
  duplicate_snapshot: { vi: 'Bản chốt số liệu cùng tên và cùng ngày đã được công bố.', en: 'A snapshot with the same name and date is already published.' },
  second_front_page: { vi: 'Đơn vị này đã có trang chính thức của Mặt trận.', en: 'This unit already has a live Front page.' },
  connectors_off: { vi: 'Kết nối nền tảng đang tắt trên máy chủ này.', en: 'The platform connectors are off on this server.' },
  run_in_progress: { vi: 'Một lần lấy số liệu đang chạy; hãy đợi nó xong.', en: 'A run is in progress; wait for it to finish.' },

  // Routing, storage.
  no_route: { vi: 'Không có địa chỉ {method} {path}.', en: 'No route for {method} {path}.' },
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

  // Building blocks: a field's problem, lists, dates, waits.
  field_problem: { vi: '{path}: {problem}', en: '{path}: {problem}' },
  list_semicolon: { vi: '{first}; {rest}', en: '{first}; {rest}' },
  list_comma: { vi: '{first}, {rest}', en: '{first}, {rest}' },
  date_value: { vi: '{day}/{month}/{year}', en: '{year}-{month}-{day}' },
  wait_one_second: { vi: 'sau 1 giây', en: 'in 1 second' },
  wait_seconds: { vi: 'sau {count} giây', en: 'in {count} seconds' },
  wait_one_minute: { vi: 'sau 1 phút', en: 'in 1 minute' },
  wait_minutes: { vi: 'sau {count} phút', en: 'in {count} minutes' },

  // Field problems found by validation (router.ts toFieldIssues).
  field_unknown_parameter: { vi: 'không phải tham số của địa chỉ này; hãy bỏ đi hoặc kiểm tra chính tả', en: 'is not a parameter of this endpoint; remove it or check its spelling' },
  field_unknown_body_field: { vi: 'không phải trường của nội dung này; hãy bỏ đi hoặc kiểm tra chính tả', en: 'is not a field of this body; remove it or check its spelling' },
  field_given_twice: { vi: 'được gửi nhiều lần; chỉ gửi một lần', en: 'is given more than once; give it once' },
  field_one_of: { vi: 'phải là một trong: {values}', en: 'must be one of {values}' },
  field_required: { vi: 'bắt buộc phải có', en: 'is required' },
  field_must_be_text: { vi: 'phải là văn bản', en: 'must be text' },
  field_must_be_number: { vi: 'phải là một số', en: 'must be a number' },
  field_must_be_whole_number: { vi: 'phải là số nguyên', en: 'must be a whole number' },
  field_must_be_true_false: { vi: 'phải là true hoặc false', en: 'must be true or false' },
  field_must_be_list: { vi: 'phải là một danh sách', en: 'must be a list' },
  field_must_be_object: { vi: 'phải là một đối tượng JSON', en: 'must be a JSON object' },
  field_wrong_type: { vi: 'sai kiểu dữ liệu (cần {expected})', en: 'has the wrong type (expected {expected})' },
  field_not_empty: { vi: 'không được để trống', en: 'must not be empty' },
  field_min_chars: { vi: 'phải có ít nhất {min} ký tự', en: 'must have at least {min} characters' },
  field_max_chars: { vi: 'chỉ được có nhiều nhất {max} ký tự', en: 'must be at most {max} characters' },
  field_min_items: { vi: 'phải có ít nhất {min} mục', en: 'must have at least {min} items' },
  field_max_items: { vi: 'chỉ được có nhiều nhất {max} mục', en: 'must have at most {max} items' },
  field_min_number: { vi: 'phải từ {min} trở lên', en: 'must be {min} or more' },
  field_above_number: { vi: 'phải lớn hơn {min}', en: 'must be more than {min}' },
  field_max_number: { vi: 'phải từ {max} trở xuống', en: 'must be {max} or less' },
  field_below_number: { vi: 'phải nhỏ hơn {max}', en: 'must be less than {max}' },
  field_bad_format: { vi: 'sai định dạng; xem mô tả tham số trong tài liệu API', en: 'has the wrong format; see the parameter in the API documentation' },
  field_invalid: { vi: 'không hợp lệ', en: 'is not valid' },
  body_not_json: { vi: 'Nội dung yêu cầu không phải JSON hợp lệ. Hãy gửi {example}.', en: 'The request body is not valid JSON. Send {example}.' },
  body_not_json_type: {
    vi: 'Hãy gửi nội dung dạng JSON với Content-Type: application/json, ví dụ {example}.',
    en: 'Send the body as JSON with Content-Type: application/json, e.g. {example}.',
  },
  body_must_be_object: { vi: 'phải là một đối tượng JSON: {example}', en: 'must be a JSON object: {example}' },

  /*
   * The shared schemas' own messages (packages/core). The web app's forms run those schemas too and
   * word their problems themselves, so the schemas keep their English text; each `schema_` key's
   * English template is that text exactly, and router.ts recognises it to answer in either language.
   */
  schema_date_format: { vi: 'phải là ngày viết dạng YYYY-MM-DD, ví dụ 2022-08-12', en: 'must be a date written YYYY-MM-DD' },
  schema_date_not_real: { vi: 'không phải ngày có thật; hãy kiểm tra ngày và tháng', en: 'is not a real calendar date' },
  schema_month_format: { vi: 'phải là tháng viết dạng YYYY-MM, ví dụ {example}', en: 'must be a month written YYYY-MM, e.g. {example}' },
  schema_whole_number_range: { vi: 'phải là số nguyên từ 1 đến {max}', en: 'must be a whole number from 1 to {max}' },
  schema_whole_number_zero_up: { vi: 'phải là số nguyên, từ 0 trở lên', en: 'must be a whole number, 0 or more' },
  schema_unit_code: {
    vi: 'phải là mã đơn vị gồm 2, 3 hoặc 5 chữ số, ví dụ 01, 001 hoặc 00001',
    en: 'must be a unit code of 2, 3 or 5 digits, e.g. 01, 001 or 00001',
  },
  schema_province_code: { vi: 'phải là mã tỉnh, thành gồm 2 chữ số, ví dụ {example}', en: 'must be a province code of 2 digits, e.g. {example}' },
  schema_page_id: { vi: 'phải là mã trang, một số nguyên như 42', en: 'must be a page id, a whole number such as 42' },
  schema_period_id: { vi: 'phải là mã kỳ báo cáo, một số nguyên như 3', en: 'must be a reporting period id, a whole number such as 3' },
  schema_snapshot_id: { vi: 'phải là mã bản chốt số liệu (một số nguyên dương)', en: 'must be a snapshot id (a positive whole number)' },
  schema_credential_id: { vi: 'phải là mã thông tin kết nối, ví dụ 3', en: 'must be a credential id such as 3' },
  schema_run_id: { vi: 'phải là mã lần lấy số liệu, ví dụ 12', en: 'must be a run id such as 12' },
  schema_cursor: {
    vi: 'không phải con trỏ trang của địa chỉ này; hãy gửi nguyên nextCursor của câu trả lời trước',
    en: 'is not a cursor from this endpoint; pass nextCursor from the previous answer unchanged',
  },
  schema_cursor_short: { vi: 'không phải con trỏ trang của địa chỉ này; hãy gửi nguyên nextCursor', en: 'is not a cursor from this endpoint; pass nextCursor unchanged' },
  schema_text: { vi: 'phải là văn bản', en: 'must be text' },
  schema_max_chars: { vi: 'chỉ được có nhiều nhất {max} ký tự', en: 'must have at most {max} characters' },
  schema_snapshot_name: {
    vi: 'không được để trống: hãy ghi tên dịp công bố, ví dụ “Hội nghị trực tuyến toàn quốc 12/08/2022”',
    en: 'must not be empty: name the occasion, e.g. "Hội nghị trực tuyến toàn quốc 12/08/2022"',
  },
  schema_secret: {
    vi: 'phải là {what} đúng như nền tảng cấp (từ 8 ký tự trở lên)',
    en: 'must be the {what} as the platform gave it (8 characters or more)',
  },
  schema_choose_page: { vi: 'hãy chọn ít nhất một trang', en: 'choose at least one page' },
  schema_at_most_pages: { vi: 'mỗi lần nhiều nhất {max} trang', en: 'at most {max} pages at once' },
  schema_rejection_reason: { vi: 'hãy ghi lý do từ chối; các tỉnh, thành sẽ đọc lý do này', en: 'give the reason for the rejection; the provinces read it' },
  schema_page_change: {
    vi: 'hãy gửi ít nhất một trong các trường platform, url, name, owner, launchedOn, platformId',
    en: 'give at least one of platform, url, name, owner, launchedOn, platformId',
  },
  schema_deadline_before_month: {
    vi: 'không được trước ngày đầu của tháng báo cáo ({first}); nhận được {deadline}',
    en: 'must not be before the first day of the month reported on ({first}); {deadline} is',
  },
  schema_month_outside_scheme: {
    vi: 'tháng {month} nằm ngoài thời gian hiệu lực của {scheme} (từ {from} đến {to}); hãy chọn một tháng trong khoảng đó hoặc cơ cấu kia',
    en: '{month} is outside {scheme}, which is valid from {from} to {to}; pick a month of that range or the other scheme',
  },
  schema_month_outside_open_scheme: {
    vi: 'tháng {month} nằm ngoài thời gian hiệu lực của {scheme} (từ {from}); hãy chọn một tháng trong khoảng đó hoặc cơ cấu kia',
    en: '{month} is outside {scheme}, which is valid from {from}; pick a month of that range or the other scheme',
  },
  schema_to_before_from: { vi: 'không được trước ngày bắt đầu ({from})', en: 'must not be before from ({from})' },

  // The scheme, date and unit parameters of reads (scope.ts).
  level_province: { vi: 'tỉnh, thành', en: 'province' },
  level_district: { vi: 'quận, huyện', en: 'district' },
  level_commune: { vi: 'xã, phường, đặc khu', en: 'commune' },
  param_date_outside_scheme: {
    vi: 'ngày {date} nằm ngoài thời gian hiệu lực của {scheme} (từ {from} đến {to})',
    en: '{date} is outside {scheme}, which is valid from {from} to {to}',
  },
  param_date_outside_open_scheme: { vi: 'ngày {date} nằm ngoài thời gian hiệu lực của {scheme} (từ {from})', en: '{date} is outside {scheme}, which is valid from {from}' },
  param_date_before_backcast: {
    vi: 'ngày {date} trước {first}, ngày đầu tiên số liệu reform34 có được (tính ngược qua legacy63)',
    en: '{date} is before {first}, the first day reform34 figures reach (back-cast through legacy63)',
  },
  param_scheme_no_level: { vi: '{scheme} không có cấp {levelName}; hãy dùng một trong: {levels}', en: '{scheme} has no {levelName} level; use one of {levels}' },
  param_not_unit_of_scheme: { vi: '{code} không phải mã đơn vị của {scheme}', en: '{code} is not a unit of {scheme}' },
  param_no_units_below: { vi: '{code} là đơn vị cấp {levelName}, không có đơn vị cấp dưới', en: '{code} is a {levelName}, which has no units below it' },
  param_level_not_below: {
    vi: 'cấp {level} không nằm dưới đơn vị cha {parent} (thuộc cấp {parentLevel})',
    en: '{level} is not below the parent {parent} (a {parentLevel})',
  },
});
