/** The catalogue's part for the import's rows, warnings, plan lines and file problems (imports/ except routes.ts). */
import { defineCatalogue } from './catalogue';

export const importMessages = defineCatalogue({
  // Building blocks: a value written differently in each language, and lists.
  import_text: { vi: '{vi}', en: '{en}' },
  import_join: { vi: '{first}, {rest}', en: '{first}, {rest}' },
  import_join_and: { vi: '{first} và {rest}', en: '{first} and {rest}' },
  import_join_or: { vi: '{first} hoặc {rest}', en: '{first} or {rest}' },
  import_in_parent: { vi: ' thuộc {parent}', en: ' in {parent}' },

  // Cells
  import_count_invalid: {
    vi: '“{value}” không phải số nguyên từ 0 trở lên; hãy viết ví dụ 1234 hoặc 1.234.',
    en: '“{value}” must be a whole number, 0 or more (e.g. 1234 or 1,234).',
  },
  import_date_invalid: {
    vi: '“{value}” không phải ngày có thật; hãy nhập ngày/tháng/năm, ví dụ 15/03/2022 (hoặc 2022-03-15).',
    en: '“{value}” must be a date written DD/MM/YYYY or YYYY-MM-DD, e.g. 15/03/2022 or 2022-03-15.',
  },
  import_month_invalid: {
    vi: '“{value}” không phải tháng hợp lệ; hãy nhập tháng/năm, ví dụ 05/2025 (hoặc 2025-05).',
    en: '“{value}” must be a month written MM/YYYY or YYYY-MM, e.g. 05/2025 or 2025-05.',
  },

  // Units
  import_unit_none: {
    vi: 'Dòng không ghi đơn vị nào; hãy ghi mã hoặc tên của xã, phường (hoặc huyện, tỉnh).',
    en: 'names no unit; give a code or a name of the commune, district or province.',
  },
  import_unit_no_level: {
    vi: 'Danh mục {scheme} không có cấp {level}; hãy để trống cột này.',
    en: '{scheme} has no {level} level; leave this column empty.',
  },
  import_unit_code_unknown: {
    vi: '“{code}” không phải mã {level} trong danh mục {scheme}; hãy tra mã trong mẫu nhập liệu của tỉnh, thành.',
    en: '{code} is not a {level} code of {scheme}; find the codes in the province’s import template.',
  },
  import_unit_code_not_in: {
    vi: 'Mã {code} là {unit}, không thuộc {parent} ({parentCode}); hãy sửa một trong hai.',
    en: '{code} is {unit}, which is not in {parent} ({parentCode}); correct one of them.',
  },
  import_unit_code_name: {
    vi: 'Mã {code} là {unit}, không phải “{name}”; hãy sửa mã hoặc tên.',
    en: '{code} is {unit}, not “{name}”; correct the code or the name.',
  },
  import_unit_fix_code: { vi: 'ghi mã vào cột {column}', en: 'give the code in {column}' },
  import_unit_fix_code_or_province: { vi: 'ghi mã vào cột {column} hoặc thêm tỉnh, thành', en: 'give the code in {column} or add the province' },
  import_unit_fix_code_or_district: { vi: 'ghi mã vào cột {column} hoặc thêm quận, huyện', en: 'give the code in {column} or add the district' },
  import_unit_name_unknown: {
    vi: 'Không có {level} nào tên “{name}”{where} trong danh mục {scheme}; hãy kiểm tra chính tả hoặc {fix}.',
    en: 'no {level} of {scheme}{where} is called “{name}”; check the spelling or {fix}.',
  },
  import_unit_name_elsewhere: {
    vi: 'Không có {level} nào tên “{name}”{where}; đơn vị này thuộc {parentLevel} khác: {listed}. Hãy sửa cột {parentColumn} hoặc {fix}.',
    en: 'no {level} of {scheme}{where} is called “{name}”; it is in another {parentLevel}: {listed}; correct {parentColumn} or {fix}.',
  },
  import_unit_name_ambiguous: {
    vi: '“{name}” có thể là {listed}; hãy {fix}.',
    en: '“{name}” may mean {listed}; {fix}.',
  },
  import_unit_candidate: { vi: '{name} ({code})', en: '{name} ({code})' },
  import_unit_candidate_in: { vi: '{name} ({code}, {parent})', en: '{name} ({code}, {parent})' },
  import_unit_outside_scope: {
    vi: '{unit} ({code}) nằm ngoài phạm vi của bạn ({scopes}); hãy nhờ cán bộ trung ương nhập dòng này.',
    en: '{unit} ({scheme}:{code}) is outside your scope {scopes}; ask central staff to import it.',
  },
  import_page_outside_scope: {
    vi: 'Trang này thuộc {unit} ({code}), ngoài phạm vi của bạn ({scopes}); hãy nhờ cán bộ trung ương nhập dòng này.',
    en: 'this page belongs to {unit} ({scheme}:{code}), outside your scope {scopes}; ask central staff to import it.',
  },
  import_page_other_unit: {
    vi: 'Trang này thuộc {unit} ({code}) trong danh mục {scheme}; hãy sửa dòng, hoặc chuyển trang trên màn hình của trang trước.',
    en: 'this page belongs to {unit} ({code}) in {scheme}; correct the row, or move the page on its own screen first.',
  },

  // Page fields
  import_platform_unknown: {
    vi: '“{value}” không phải nền tảng; hãy ghi Facebook, Zalo, TikTok hoặc YouTube.',
    en: '“{value}” is not a platform; write Facebook, Zalo, TikTok or YouTube.',
  },
  import_url_empty: {
    vi: 'Chưa có đường dẫn trang; hãy ghi địa chỉ của trang, ví dụ https://www.facebook.com/mttq.phuongphucxa.',
    en: "is empty; give the page's address, e.g. https://www.facebook.com/mttq.phuongphucxa.",
  },
  import_platform_needed: {
    vi: 'Chưa ghi nền tảng, và {url} không thuộc Facebook, Zalo, TikTok hay YouTube; hãy ghi nền tảng.',
    en: 'is empty and {url} is not on Facebook, Zalo, TikTok or YouTube; write the platform.',
  },
  import_url_invalid: {
    vi: '“{url}” không phải địa chỉ một trang {platform}; hãy dán địa chỉ của chính trang (trang cá nhân hoặc kênh), không phải bài viết hay video.',
    en: '“{url}” is not the address of a {platform} page; give the page’s own address (its profile or channel), not a post or a video.',
  },
  // The shared address rules (url_* in domain-messages.ts), said of the row's page address.
  import_url_whitespace: {
    vi: 'Địa chỉ trang “{url}” có dấu cách hoặc ký tự điều khiển; hãy xoá chúng.',
    en: 'The page address “{url}” contains spaces or control characters; remove them.',
  },
  import_url_not_http: {
    vi: 'Địa chỉ trang “{url}” phải là địa chỉ http(s), ví dụ {example}.',
    en: 'The page address “{url}” must be an http(s) address, e.g. {example}.',
  },
  import_url_not_web: {
    vi: 'Địa chỉ trang “{url}” không phải địa chỉ web; hãy nhập địa chỉ như {example}.',
    en: 'The page address “{url}” is not a web address; give one like {example}.',
  },
  import_url_credentials: {
    vi: 'Địa chỉ trang “{url}” có tên đăng nhập hoặc mật khẩu; hãy xoá chúng.',
    en: 'The page address “{url}” contains a user name or password; remove them.',
  },
  import_url_port: { vi: 'Địa chỉ trang “{url}” có ghi cổng (port); hãy bỏ cổng.', en: 'The page address “{url}” names a port; leave it out.' },
  import_url_youtu_be: {
    vi: 'Địa chỉ trang “{url}” là liên kết youtu.be, trỏ tới một video chứ không phải kênh; hãy nhập địa chỉ kênh, ví dụ {example}.',
    en: 'The page address “{url}” is a youtu.be link to a video, not a channel; give the channel, e.g. {example}.',
  },
  import_url_other_platform: {
    vi: 'Địa chỉ trang “{url}” là địa chỉ {other}; hãy ghi nền tảng {other}, hoặc nhập địa chỉ {platform} trên {shown}.',
    en: 'The page address “{url}” is a {other} address; write the platform {other}, or give a {platform} address on {shown}.',
  },
  import_url_wrong_host: {
    vi: 'Địa chỉ trang “{url}” phải là địa chỉ trên {shown} với nền tảng {platform}, ví dụ {example}.',
    en: 'The page address “{url}” must be on {shown} for the platform {platform}, e.g. {example}.',
  },
  import_url_no_page: {
    vi: 'Địa chỉ trang “{url}” không chỉ tới trang nào; hãy nhập địa chỉ riêng của trang, ví dụ {example}.',
    en: "The page address “{url}” names no page; give the page's own address, e.g. {example}.",
  },
  import_url_tiktok_profile: {
    vi: 'Địa chỉ trang “{url}” phải là trang cá nhân TikTok, tiktok.com/@tên, ví dụ {example}.',
    en: 'The page address “{url}” must be a TikTok profile, tiktok.com/@name, e.g. {example}.',
  },
  import_url_tiktok_video: {
    vi: 'Địa chỉ trang “{url}” trỏ tới một video hoặc một mục, không phải trang; hãy nhập {profile}.',
    en: 'The page address “{url}” links to a video or a tab, not the profile; give {profile}.',
  },
  import_url_youtube_not_channel: {
    vi: 'Địa chỉ trang “{url}” không phải kênh YouTube (là video hay danh sách phát?); hãy nhập địa chỉ kênh, ví dụ {example}.',
    en: 'The page address “{url}” is not a YouTube channel (a video or playlist?); give the channel, e.g. {example}.',
  },
  import_url_youtube_bad_channel: {
    vi: 'Địa chỉ trang “{url}” không phải địa chỉ kênh YouTube; hãy nhập địa chỉ kênh, ví dụ {example}.',
    en: 'The page address “{url}” is not a YouTube channel address; give the channel, e.g. {example}.',
  },
  import_url_too_long: { vi: 'Địa chỉ trang dài quá {max} ký tự; hãy rút gọn.', en: 'The page address is longer than {max} characters; shorten it.' },
  import_name_too_long: { vi: 'Tên trang dài quá {max} ký tự; hãy rút gọn.', en: 'must be at most {max} characters.' },
  import_note_too_long: { vi: 'Ghi chú dài quá {max} ký tự; hãy rút gọn.', en: 'must be at most {max} characters.' },
  import_owner_unknown: {
    vi: '“{value}” không phải chủ quản; hãy ghi {owners}.',
    en: '“{value}” is not an owner; write {owners}.',
  },
  import_status_unknown: {
    vi: '“{value}” không phải trạng thái; hãy ghi {statuses}.',
    en: '“{value}” is not a status; write {statuses}.',
  },
  import_launch_future: { vi: 'Ngày lập trang {date} sau hôm nay ({today}); hãy sửa ngày.', en: '{date} is after today, {today}.' },
  import_launch_after_scheme: {
    vi: 'Ngày lập trang {date} sau khi danh mục {scheme} hết hiệu lực ({validTo}); hãy nhập trang vào danh mục có hiệu lực vào ngày lập trang.',
    en: '{date} is after {scheme} ended on {validTo}; import the page into the scheme in force on its launch.',
  },
  import_launch_missing: {
    vi: 'Chưa có ngày lập trang; trang mới cần ngày lập trang, ví dụ 15/03/2022.',
    en: 'is empty; a new page needs its launch date, e.g. 15/03/2022.',
  },
  import_month_future: { vi: '{month} chưa đến (hôm nay là {today}); hãy sửa tháng.', en: '{month} is in the future; today is {today}.' },
  import_figure_rounded: {
    vi: '{column} “{text}” là số làm tròn, được đọc thành {value}; hãy ghi số chính xác nếu có.',
    en: '{column} “{text}” is rounded; read as {value}. Write the exact figure if you have it.',
  },

  // Rows of one page
  import_other_unit_row: {
    vi: 'Dòng {row} đã ghi trang này cho {unit} ({code}); mỗi trang chỉ thuộc một đơn vị.',
    en: 'row {row} gives this page to {unit} ({code}); one page belongs to one unit.',
  },
  import_field_differs: {
    vi: 'Một dòng trước của trang này ghi “{value}”; hãy ghi giống vậy hoặc để trống.',
    en: 'an earlier row of this page gives “{value}”; give the same value or leave it empty.',
  },
  import_month_repeated: {
    vi: 'Dòng {row} đã ghi số liệu {month} của trang này; mỗi tháng chỉ ghi một dòng.',
    en: "row {row} already gives this page's figures for {month}.",
  },
  import_month_before_launch: {
    vi: 'Số liệu {month} có trước ngày lập trang ({launchedOn}); hãy sửa tháng hoặc ngày lập trang.',
    en: "{month} is before the page's launch on {launchedOn}.",
  },
  import_launch_after_event: {
    vi: 'Trang có trạng thái “{status}” từ ngày {date}; ngày lập trang phải từ ngày đó trở về trước.',
    en: 'the page has a {status} event on {date}; its launch date must be on or before that.',
  },
  import_launch_after_figures: {
    vi: 'Trang đã có số liệu {month}; ngày lập trang phải trong tháng đó hoặc trước.',
    en: 'the page has figures for {month}; its launch date must be in or before that month.',
  },
  import_launch_after_legacy: {
    vi: 'Trang thuộc một đơn vị của danh mục 63 tỉnh, thành, danh mục này hết hiệu lực từ {validTo}; ngày lập trang không được sau ngày đó.',
    en: 'the page belongs to a legacy63 unit, and legacy63 ended on {validTo}.',
  },
  import_assign_after_scheme: {
    vi: 'Trang lập ngày {launchedOn}, sau khi danh mục {scheme} hết hiệu lực ({validTo}).',
    en: 'the page launched on {launchedOn}, after {scheme} ended on {validTo}.',
  },

  // Statuses
  import_status_not_recorded: {
    vi: '{column} “{status}” không được ghi nhận: trạng thái hoạt động / không hoạt động tính từ số liệu hằng tháng.',
    en: '{column} “{status}” is not recorded: active and inactive follow from the monthly figures.',
  },
  import_status_central_only: {
    vi: 'Chỉ cán bộ trung ương được ghi “{status}”; hãy để {column} là “{current}”.',
    en: 'only central staff record “{status}”; leave {column} as “{current}”.',
  },
  import_status_ended_reopen: {
    vi: 'Trang ở trạng thái “{status}” từ ngày {since}; hãy ghi “{reopened}” để mở lại.',
    en: 'the page is {status} since {since}; write “{reopened}” to reopen it.',
  },
  import_status_ended_verify: {
    vi: 'Trang ở trạng thái “{status}” từ ngày {since}; hãy mở lại trang trước khi xác minh.',
    en: 'the page is {status} since {since}; reopen it before verifying it.',
  },
  import_status_closed_reject: {
    vi: 'Trang đã đóng từ ngày {since}; hãy mở lại trang trước khi từ chối.',
    en: 'the page is closed since {since}; reopen it before rejecting it.',
  },
  import_reject_needs_note: {
    vi: 'Chưa có ghi chú; trạng thái “{status}” cần ghi lý do để tỉnh, thành đọc.',
    en: 'is empty; “{status}” needs the reason, which the province reads.',
  },
  import_status_later_event: {
    vi: 'Trang đã “{status}” ngày {date}, sau ngày {on} mà lần nhập này ghi nhận; hãy đổi trạng thái trên màn hình của trang.',
    en: "the page was {status} on {date}, after {on}, the date this import records; change it on the page's screen.",
  },

  // Warnings
  import_second_front_page: {
    vi: '{unit} đã có trang Ủy ban MTTQ đang hoạt động (trang {id} “{name}”, {url}); dòng này thêm trang thứ hai.',
    en: '{unit} already has a live Front page, page {id} “{name}” ({url}); this adds a second one.',
  },
  import_counts_missing: {
    vi: 'Chưa có {columns} của {month}: ghi là 0.',
    en: '{columns} not given for {month}: recorded as 0.',
  },

  // Plan lines
  import_change_create: {
    vi: 'thêm trang {platform} “{name}” cho {unit} ({code}), lập ngày {launchedOn}',
    en: 'create {platform} page “{name}” for {unit} ({code}), launched on {launchedOn}',
  },
  import_change_field: { vi: '{field}: “{before}” → “{after}”', en: '{field}: “{before}” → “{after}”' },
  import_change_launch: { vi: 'ngày lập trang: {before} → {after}', en: 'launched on: {before} → {after}' },
  import_change_assign: { vi: 'gán cho {unit} ({code}) trong danh mục {scheme}', en: 'assign to {unit} ({code}) in {scheme}' },
  import_change_status_new: { vi: 'trạng thái: {status} từ ngày {on}', en: 'status: {status} on {on}' },
  import_change_status: { vi: 'trạng thái: {before} → {after} từ ngày {on}', en: 'status: {before} → {after} on {on}' },
  import_change_metrics: { vi: 'số liệu {month}: {figures}', en: 'metrics {month}: {figures}' },
  import_change_metrics_new: { vi: 'số liệu {month} (mới): {figures}', en: 'metrics {month}: new, {figures}' },
  import_figure: { vi: '{name} {value}', en: '{name} {value}' },
  import_figure_change: { vi: '{name} {before} → {after}', en: '{name} {before} → {after}' },

  // Plans
  import_plan_pending: {
    vi: 'Kế hoạch nhập {id} ({file}) đang chờ: hãy xác nhận trước {at}.',
    en: 'Import plan {id} ({file}) is pending: commit it by {at}.',
  },
  import_plan_committed: {
    vi: 'Kế hoạch nhập {id} ({file}) đã được xác nhận lúc {at}: thêm {create} trang, cập nhật {update} trang, ghi {metrics} số liệu tháng và {statuses} trạng thái.',
    en: 'Import plan {id} ({file}) was committed at {at}: {create} page(s) created, {update} updated, {metrics} monthly figure(s) and {statuses} status(es) written.',
  },
  import_plan_expired: {
    vi: 'Kế hoạch nhập {id} ({file}) đã hết hạn lúc {at}, {hours} giờ sau lần chạy thử, mà chưa được xác nhận; chưa có gì được nhập. Hãy chạy thử lại.',
    en: 'Import plan {id} ({file}) expired at {at}, {hours} hours after its dry run, without being committed; nothing was imported from it. Run the dry run again.',
  },
  import_plan_replaced_by: {
    vi: 'Kế hoạch nhập {id} ({file}) đã được thay bằng lần chạy thử mới hơn của bạn với tệp {newFile} lúc {at}: mỗi người giữ {keep} lần chạy thử mới nhất. Chưa có gì được nhập; hãy xác nhận kế hoạch mới hơn hoặc chạy thử lại.',
    en: 'Import plan {id} ({file}) was replaced by your newer dry run of {newFile} at {at}: each user keeps their {keep} newest dry runs. Nothing was imported from it; commit the newer plan, or run the dry run again.',
  },
  import_plan_replaced: {
    vi: 'Kế hoạch nhập {id} ({file}) đã được thay bằng lần chạy thử mới hơn của bạn lúc {at}: mỗi người giữ {keep} lần chạy thử mới nhất. Chưa có gì được nhập; hãy xác nhận kế hoạch mới hơn hoặc chạy thử lại.',
    en: 'Import plan {id} ({file}) was replaced by your newer dry run at {at}: each user keeps their {keep} newest dry runs. Nothing was imported from it; commit the newer plan, or run the dry run again.',
  },
  import_plan_unknown: {
    vi: 'Bạn không có kế hoạch nhập {id}: bạn chưa từng tạo nó, hoặc nó đã kết thúc hơn {days} ngày trước. Hãy chạy thử lại.',
    en: 'No import plan {id} of yours: it was never made by you, or it ended more than {days} days ago. Run the dry run again.',
  },
  import_plan_state_expired: { vi: 'đã hết hạn', en: 'expired' },
  import_plan_state_replaced: { vi: 'đã được thay', en: 'replaced' },
  import_vietnam_time: { vi: '{time} ngày {date} (giờ Việt Nam)', en: '{date} {time} Vietnam time (UTC+7)' },

  // Commit
  import_conflict: {
    vi: 'Dữ liệu đã thay đổi từ lần chạy thử; hãy chạy thử lại. {count} trang khác đi, ví dụ dòng {row}: {example}',
    en: 'The data changed since the dry run; run it again. {count} page(s) differ, e.g. row {row}: {example}',
  },
  import_conflict_added: {
    vi: 'trang {id} với địa chỉ {url} đã được thêm sau lần chạy thử.',
    en: 'page {id} with the address {url} was added since the dry run.',
  },
  import_conflict_changed: { vi: 'trang {id} ({url}) đã thay đổi sau lần chạy thử.', en: 'page {id} ({url}) changed since the dry run.' },
  import_conflict_deleted: { vi: 'trang {id} đã bị xoá sau lần chạy thử.', en: 'page {id} was deleted since the dry run.' },

  import_template_not_province: {
    vi: '“{code}” không phải mã tỉnh, thành trong danh mục {scheme}; hãy chọn tỉnh, thành trong danh sách.',
    en: '{code} is not a province of {scheme}; choose a province from the list.',
  },

  // Files refused while reading
  import_file_inflated: {
    vi: 'Tệp XLSX khi giải nén lớn hơn {mb} MB{where}, giới hạn của một lần nhập: tệp chứa nhiều hơn hẳn một bảng nhập liệu. Hãy xoá các trang tính, dòng, cột không dùng, hoặc lưu thành CSV (UTF-8), rồi tải lên lại.',
    en: 'The XLSX file inflates to more than {mb} MB when unpacked{where}, the limit for one import: it holds far more than an import table (or it is a zip bomb). Delete unused sheets, rows and columns, or save the sheet as CSV (UTF-8), and upload it again.',
  },
  import_file_inflated_where: { vi: ' (tới giới hạn khi giải nén {part})', en: ' (reached while unpacking {part})' },
  import_file_inflated_detail: { vi: 'giải nén ra hơn {mb} MB', en: 'unpacks to more than {mb} MB' },
  import_file_cells: {
    vi: 'Tệp có hơn {max} ô (số dòng × số cột, kể cả ô trống), giới hạn của một lần nhập. Hãy xoá các dòng, cột trống ngoài bảng, hoặc chia tệp (ví dụ theo tỉnh, thành) rồi nhập lần lượt.',
    en: 'The file has more than {max} cells (rows × columns, empty cells included), the limit for one import. Delete the empty rows and columns beyond the table, or split the file (for example by province) and import the parts one after another.',
  },
  import_file_cells_detail: { vi: 'có hơn {max} ô', en: 'has more than {max} cells' },
  import_file_cell_length: {
    vi: 'Ô {place} dài hơn {max} ký tự, giới hạn của một ô. Hãy rút gọn (hoặc xoá, nếu cột đó không được nhập) rồi tải tệp lên lại.',
    en: 'The cell {place} is longer than {max} characters, the limit for one cell. Shorten it (or clear it, if that column is not imported) and upload the file again.',
  },
  import_file_cell_length_detail: { vi: 'dài hơn {max} ký tự', en: 'is longer than {max} characters' },
  import_file_text: {
    vi: 'Các ô của tệp chứa tổng cộng hơn {max} ký tự, giới hạn của một lần nhập. Hãy chia tệp (ví dụ theo tỉnh, thành) rồi nhập lần lượt.',
    en: 'The cells of the file hold more than {max} characters in all, the limit for one import. Split the file (for example by province) and import the parts one after another.',
  },
  import_file_text_detail: { vi: 'chứa hơn {max} ký tự', en: 'holds more than {max} characters' },
  import_file_time: {
    vi: 'Đọc tệp mất hơn {seconds} giây, giới hạn thời gian đọc một tệp nhập, nên đã dừng. Hãy xoá các trang tính, dòng, cột không dùng, hoặc chia tệp (ví dụ theo tỉnh, thành), rồi tải lên lại.',
    en: 'Reading the file took longer than {seconds} seconds, the time limit for reading one import, and was stopped. Delete unused sheets, rows and columns, or split the file (for example by province), and upload it again.',
  },
  import_file_time_detail: { vi: 'cần hơn {seconds} giây để đọc', en: 'takes longer than {seconds} seconds to read' },
  import_file_memory: {
    vi: 'Đọc tệp cần hơn {mb} MB bộ nhớ, giới hạn khi đọc một tệp nhập, nên đã dừng. Hãy xoá các trang tính, dòng, cột không dùng, hoặc chia tệp (ví dụ theo tỉnh, thành), rồi tải lên lại.',
    en: 'Reading the file needed more than {mb} MB of memory, the limit for reading one import, and was stopped. Delete unused sheets, rows and columns, or split the file (for example by province), and upload it again.',
  },
  import_file_memory_detail: { vi: 'cần hơn {mb} MB bộ nhớ để đọc', en: 'needs more than {mb} MB of memory to read' },
  import_file_busy: {
    vi: 'Máy chủ đang đọc {count} tệp nhập; hãy thử lại sau một phút.',
    en: 'The server is already reading {count} import files; try again in a minute.',
  },
});
