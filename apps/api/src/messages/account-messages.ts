/** The catalogue's part for accounts, sign-in and sessions (auth/, accounts/). */
import { defineCatalogue } from './catalogue';

export const accountMessages = defineCatalogue({
  // Signing in (auth/routes.ts, throttle.ts).
  auth_sign_in_first: {
    vi: 'Cần đăng nhập trước: gửi POST /api/v1/auth/login với tên đăng nhập và mật khẩu của bạn.',
    en: 'Sign in first: POST /api/v1/auth/login with your username and password.',
  },
  auth_session_expired: { vi: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.', en: 'Your session has expired; sign in again.' },
  auth_csrf_missing: {
    vi: 'Thiếu hoặc sai tiêu đề {header}: hãy gửi mã csrfToken nhận được khi đăng nhập.',
    en: 'Missing or wrong {header} header: send the csrfToken you received when signing in.',
  },
  auth_password_change_first: {
    vi: 'Bạn đăng nhập bằng mật khẩu tạm thời: hãy đặt mật khẩu của riêng bạn trước (POST /api/v1/auth/password với currentPassword và newPassword).',
    en: 'You signed in with a temporary password: set a password of your own first (POST /api/v1/auth/password with currentPassword and newPassword).',
  },
  auth_role_needed: { vi: 'Việc này cần vai trò {roles}; bạn đang đăng nhập với vai trò {roleName}.', en: 'This needs the role {roles}; you are signed in as {roleName}.' },
  // A role's name: the API's role codes stay as they are in English.
  role_admin: { vi: 'quản trị viên', en: 'admin' },
  role_central: { vi: 'cán bộ Trung ương', en: 'central' },
  role_province: { vi: 'cán bộ cấp tỉnh', en: 'province' },
  role_viewer: { vi: 'người xem', en: 'viewer' },
  auth_role_or: { vi: '{first} hoặc {rest}', en: '{first} or {rest}' },
  auth_too_many_attempts: {
    vi: 'Quá nhiều lần đăng nhập từ địa chỉ của bạn (nhiều nhất {burst} lần liền nhau, sau đó mỗi {refill} giây một lần). Hãy thử lại {wait}.',
    en: 'Too many sign-in attempts from your address (at most {burst} at once, then one every {refill} seconds). Try again {wait}.',
  },
  auth_too_many_in_flight: {
    vi: 'Quá nhiều lần đăng nhập từ địa chỉ của bạn đang được kiểm tra cùng lúc (nhiều nhất {max}). Hãy thử lại {wait}.',
    en: 'Too many sign-ins from your address are being checked at once (at most {max}). Try again {wait}.',
  },
  auth_account_failures: {
    vi: 'Tên đăng nhập này đã đăng nhập sai quá nhiều lần từ địa chỉ của bạn ({free} lần đầu không bị chờ, sau đó mỗi lần thử phải chờ lâu hơn, tối đa {maxMinutes} phút). Hãy thử lại {wait}, hoặc nhờ quản trị viên mở khóa tài khoản.',
    en: 'Too many failed sign-ins for this username from your address (the first {free} are free, then each next attempt waits longer, up to {maxMinutes} minutes). Try again {wait}, or ask an administrator to unlock the account.',
  },
  auth_address_failures: {
    vi: 'Địa chỉ của bạn đã đăng nhập sai quá nhiều lần ({free} lần đầu không bị chờ, sau đó mỗi lần thử phải chờ lâu hơn, tối đa {maxMinutes} phút). Hãy thử lại {wait}, hoặc nhờ quản trị viên mở khóa tài khoản.',
    en: 'Too many failed sign-ins from your address (the first {free} are free, then each next attempt waits longer, up to {maxMinutes} minutes). Try again {wait}, or ask an administrator to unlock the account.',
  },
  auth_busy_sign_ins: {
    vi: 'Máy chủ đang kiểm tra rất nhiều lượt đăng nhập. Hãy thử lại {wait}.',
    en: 'The server is checking many sign-ins right now. Try again {wait}.',
  },
  auth_login_username_required: { vi: 'bắt buộc: tên đăng nhập của bạn, dạng văn bản', en: 'is required: your username, as text' },
  auth_login_password_required: { vi: 'bắt buộc: mật khẩu của bạn, dạng văn bản', en: 'is required: your password, as text' },

  // The user's own account (auth/own-account-routes.ts).
  auth_too_many_wrong_passwords: {
    vi: 'Địa chỉ của bạn đã nhập sai mật khẩu quá nhiều lần. Hãy thử lại {wait}.',
    en: 'Too many wrong passwords from your address. Try again {wait}.',
  },
  auth_busy_passwords: { vi: 'Máy chủ đang kiểm tra rất nhiều mật khẩu. Hãy thử lại {wait}.', en: 'The server is checking many passwords right now. Try again {wait}.' },
  auth_current_password_wrong: {
    vi: 'không phải mật khẩu hiện tại của bạn; hãy nhập mật khẩu bạn đã dùng để đăng nhập',
    en: 'is not your current password; type the password you signed in with',
  },
  auth_new_password_same: { vi: 'trùng với mật khẩu hiện tại; hãy chọn mật khẩu khác', en: 'is the same as the current password; choose a different one' },
  auth_no_session: {
    vi: 'Bạn không có phiên đăng nhập {id} nào đang mở. Xem các phiên của bạn bằng GET /api/v1/auth/sessions.',
    en: 'You have no live session {id}. List yours with GET /api/v1/auth/sessions.',
  },

  // Scopes (auth/scope-image.ts, auth/user.ts).
  scope_none: { vi: 'không có đơn vị nào', en: 'no unit' },
  scope_unit_named: { vi: '{scheme}:{code} ({name})', en: '{scheme}:{code} ({name})' },
  scope_unit: { vi: '{scheme}:{code}', en: '{scheme}:{code}' },
  scope_outside: {
    vi: 'Phạm vi của bạn là {scopes}; {what} nằm ngoài phạm vi đó. Hãy nhờ cán bộ trung ương thực hiện thay đổi này.',
    en: 'Your scope is {scopes}; {what} is outside it. Ask central staff to make this change.',
  },

  // Account rules (auth/accounts.ts): the API and the users CLI.
  account_role_missing: { vi: 'Hãy chọn vai trò bằng --role: một trong {roles}.', en: 'Give a role with --role: one of {roles}.' },
  account_role_unknown: { vi: 'Không có vai trò “{value}”: hãy dùng một trong {roles}.', en: 'Unknown role "{value}": use one of {roles}.' },
  account_scope_format: {
    vi: 'Phạm vi viết dạng <cơ cấu>:<mã đơn vị>, ví dụ legacy63:51 (Quảng Ngãi); nhận được “{value}”.',
    en: 'A scope is written <scheme>:<unit code>, e.g. legacy63:51 (Quảng Ngãi); got "{value}".',
  },
  account_scope_scheme_unknown: { vi: 'Không có cơ cấu “{scheme}” trong phạm vi: hãy dùng {schemes}.', en: 'Unknown scheme "{scheme}" in the scope: use {schemes}.' },
  account_scope_no_unit: {
    vi: 'Không có đơn vị {scheme}:{code}. Mã tỉnh, thành có hai chữ số (legacy63:51 là Quảng Ngãi); tìm mã khác bằng GET /api/v1/units?scheme={scheme}&q=<tên>.',
    en: 'No unit {scheme}:{code}. Province codes are two digits (legacy63:51 is Quảng Ngãi); find others with GET /api/v1/units?scheme={scheme}&q=<name>.',
  },
  account_scope_empty: {
    vi: 'Phạm vi viết dạng <cơ cấu>:<mã đơn vị>, ví dụ reform34:51 (Quảng Ngãi); nhiều đơn vị cách nhau bằng dấu phẩy.',
    en: 'A scope is written <scheme>:<unit code>, e.g. reform34:51 (Quảng Ngãi); separate several with commas.',
  },
  account_username_format: {
    vi: 'Tên đăng nhập có từ 1 đến {max} chữ cái, chữ số, dấu chấm, gạch nối, gạch dưới hoặc @, không có dấu cách; nhận được “{username}”.',
    en: 'A username has 1 to {max} letters, digits, dots, hyphens, underscores or @, and no spaces; got "{username}".',
  },
  account_password_too_short: { vi: 'Mật khẩu quá ngắn: hãy dùng ít nhất {min} ký tự.', en: 'The password is too short: use at least {min} characters.' },
  account_password_too_long: {
    vi: 'Mật khẩu quá dài: đăng nhập chỉ nhận nhiều nhất {max} ký tự.',
    en: 'The password is too long: sign-in accepts at most {max} characters.',
  },
  account_user_unknown: {
    vi: 'Không có người dùng tên “{username}”. Xem danh sách tài khoản bằng: npm run users -- list',
    en: 'No user named "{username}". List the accounts with: npm run users -- list',
  },
  account_cli_scope_needed: {
    vi: 'Cán bộ cấp tỉnh cần có phạm vi: thêm --scope <cơ cấu>:<mã đơn vị>, ví dụ --scope reform34:51 (nhiều đơn vị cách nhau bằng dấu phẩy).',
    en: 'A province officer needs a scope: add --scope <scheme>:<unit code>, e.g. --scope reform34:51 (several separated by commas).',
  },
  account_cli_scope_only_province: {
    vi: 'Chỉ cán bộ cấp tỉnh có phạm vi; vai trò {role} đọc (và ghi) trên cả nước. Hãy bỏ --scope, hoặc dùng --role province.',
    en: 'Only province officers have a scope; a {role} reads (and writes) everywhere. Drop --scope, or use --role province.',
  },
  account_cli_duplicate: {
    vi: 'Đã có người dùng tên “{existing}”. Hãy chọn tên khác, hoặc đặt mật khẩu mới bằng: npm run users -- reset-password {existing}',
    en: 'A user named "{existing}" already exists. Choose another name, or set a new password with: npm run users -- reset-password {existing}',
  },
  account_cli_duplicate_case: {
    vi: 'Đã có người dùng tên “{existing}” (tên không phân biệt chữ hoa, chữ thường). Hãy chọn tên khác, hoặc đặt mật khẩu mới bằng: npm run users -- reset-password {existing}',
    en: 'A user named "{existing}" already exists (names ignore case). Choose another name, or set a new password with: npm run users -- reset-password {existing}',
  },

  // Managing accounts (accounts/).
  account_not_found: {
    vi: 'Không có tài khoản {id}. Xem các tài khoản bạn quản lý bằng GET /api/v1/accounts.',
    en: 'No account {id}. List the accounts you manage with GET /api/v1/accounts.',
  },
  account_province_needs_unit: {
    vi: 'cán bộ cấp tỉnh cần ít nhất một đơn vị, ví dụ ["reform34:51"] cho Quảng Ngãi',
    en: 'a province officer needs at least one unit, e.g. ["reform34:51"] for Quảng Ngãi',
  },
  account_scope_only_province: {
    vi: 'chỉ cán bộ cấp tỉnh có phạm vi; vai trò {roleName} làm việc trên cả nước: hãy để trống',
    en: 'only province officers have a scope; a {roleName} works for the whole country: leave it empty',
  },
  account_username_taken: {
    vi: 'Đã có người dùng tên “{name}” (tên không phân biệt chữ hoa, chữ thường). Hãy chọn tên khác.',
    en: 'A user named "{name}" already exists (names ignore case). Choose another name.',
  },
  account_username_taken_field: { vi: 'đã có người dùng', en: 'is taken' },
  account_role_above_own: {
    vi: 'Bạn đang đăng nhập với vai trò {ownName}: bạn không thể tạo vai trò cao hơn vai trò của mình ({roleName}). Hãy nhờ quản trị viên.',
    en: 'You are signed in as {ownName}: you cannot create a role above your own ({roleName}). Ask an administrator.',
  },
  account_province_gives_province: {
    vi: 'Cán bộ cấp tỉnh chỉ quản lý cán bộ cấp tỉnh trong phạm vi của mình; vai trò {roleName} làm việc trên cả nước. Hãy nhờ cán bộ Trung ương.',
    en: 'A province officer manages only province officers inside their scope; a {roleName} works for the whole country. Ask central staff.',
  },
  account_own: {
    vi: 'Đây là tài khoản của chính bạn: đổi mật khẩu và kết thúc phiên đăng nhập ở mục Tài khoản của tôi; vai trò và phạm vi của bạn do cấp trên thay đổi.',
    en: 'This is your own account: change your password and end your sessions under My account; your role and scope are changed by someone above you.',
  },
  account_target_above: {
    vi: 'Tài khoản này có vai trò {roleName}, cao hơn vai trò của bạn ({ownName}): bạn không quản lý được.',
    en: 'This account is {roleName}, a role above your own ({ownName}): you cannot manage it.',
  },
  account_province_manages_province: {
    vi: 'Cán bộ cấp tỉnh chỉ quản lý cán bộ cấp tỉnh trong phạm vi của mình; tài khoản này có vai trò {roleName}.',
    en: 'A province officer manages only province officers inside their scope; this account is {roleName}.',
  },
  account_file_missing: {
    vi: 'hãy đính kèm tệp CSV hoặc XLSX trong trường biểu mẫu “file” (multipart/form-data)',
    en: 'attach the CSV or XLSX file as the form field "file" (multipart/form-data)',
  },
  account_file_too_large: {
    vi: 'Tệp lớn hơn {kb} KB, mức tối đa của một lần tải lên; hãy chia nhỏ tệp.',
    en: 'The file is larger than {kb} KB, the most one upload creates; split it.',
  },
  account_file_empty: {
    vi: 'Tệp trống. Hãy viết một dòng tiêu đề (username, role, scope) và mỗi dòng một tài khoản.',
    en: 'The file is empty. Write a header row (username, role, scope) and one account per row.',
  },
  account_file_old_excel: {
    vi: 'Đây là tệp Excel .xls cũ. Hãy lưu thành .xlsx hoặc CSV (UTF-8) rồi tải lên.',
    en: 'This is an old Excel .xls file. Save it as .xlsx or CSV (UTF-8) and upload that.',
  },
  account_file_no_header: { vi: 'Không có dòng tiêu đề: tệp cần các cột {columns}.', en: 'No header row: the file needs the columns {columns}.' },
  account_file_no_role_column: { vi: 'Dòng tiêu đề (dòng {row}) không có cột {column}.', en: 'The header (row {row}) has no column {column}.' },
  account_file_no_rows: {
    vi: 'Tệp có dòng tiêu đề (dòng {row}) nhưng không có tài khoản nào bên dưới.',
    en: 'The file has a header (row {row}) but no accounts below it.',
  },
  account_file_too_many_rows: {
    vi: 'Tệp có {count} tài khoản; mỗi lần chỉ tạo được nhiều nhất {max}. Hãy chia nhỏ tệp.',
    en: 'The file has {count} accounts; at most {max} are created at once. Split it.',
  },
  account_file_rows_have_errors: {
    vi: '{bad} trong {total} dòng có lỗi; chưa tài khoản nào được tạo. Hãy sửa các dòng đó (chạy thử sẽ liệt kê) rồi tải tệp lên lại.',
    en: '{bad} of {total} rows have errors; nothing was created. Fix them (a dry run lists them) and upload the file again.',
  },
  account_row_column: { vi: 'dòng {row}, {column}', en: 'row {row}, {column}' },
  account_field_username_required: { vi: 'bắt buộc: tên đăng nhập, dạng văn bản', en: 'is required: a username, as text' },
  account_field_scope_text: { vi: 'phải là văn bản như reform34:51', en: 'must be text such as reform34:51' },
  account_field_scope_format: {
    vi: 'phải viết dạng <cơ cấu>:<mã đơn vị>, ví dụ reform34:51 hoặc legacy63:522',
    en: 'must be written <scheme>:<unit code>, e.g. reform34:51 or legacy63:522',
  },
  account_field_id: { vi: 'phải là mã tài khoản, một số nguyên như 7', en: 'must be an account id, a whole number such as 7' },
  account_field_role_or_scopes: { vi: 'hãy gửi role, scopes hoặc cả hai', en: 'give role, scopes or both' },
  account_field_current_password_required: {
    vi: 'bắt buộc: mật khẩu hiện tại (hoặc mật khẩu tạm thời) của bạn, dạng văn bản',
    en: 'is required: your current (or temporary) password, as text',
  },
  account_field_new_password_required: { vi: 'bắt buộc: mật khẩu mới, dạng văn bản', en: 'is required: the new password, as text' },
  account_field_session_id: { vi: 'phải là mã phiên lấy từ GET /auth/sessions', en: 'must be a session id from GET /auth/sessions' },
  account_row_username_invalid: {
    vi: 'phải có từ 1 đến 64 chữ cái, chữ số, dấu chấm, gạch nối, gạch dưới hoặc @, không có dấu cách',
    en: 'must be 1 to 64 letters, digits, dots, hyphens, underscores or @, without spaces',
  },
  account_row_duplicate: { vi: 'đã có ở dòng {row}; mỗi tài khoản chỉ một lần', en: 'is also on row {row}; each account once' },
  account_row_username_exists: {
    vi: '“{name}” đã có (tên không phân biệt chữ hoa, chữ thường); hãy chọn tên khác',
    en: '"{name}" already exists (names ignore case); choose another name',
  },
  account_row_role_unknown: {
    vi: '“{value}” không phải vai trò: hãy dùng admin, central, province hoặc viewer',
    en: '"{value}" is not a role: use admin, central, province or viewer',
  },
  account_row_province_needs_unit: { vi: 'cán bộ cấp tỉnh cần ít nhất một đơn vị, ví dụ reform34:51', en: 'a province officer needs at least one unit, e.g. reform34:51' },
  account_row_scope_only_province: {
    vi: 'chỉ cán bộ cấp tỉnh có phạm vi; hãy để trống với vai trò {roleName}',
    en: 'only province officers have a scope; leave it empty for a {roleName}',
  },
});
