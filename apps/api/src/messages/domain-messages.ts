/** The catalogue's part for page writes, pages, units, coverage, reporting, snapshots, audit (writes/, pages/, units/, coverage/, reporting/, snapshots/, audit/). */
import { defineCatalogue, type Message } from './catalogue';

/** A YYYY-MM month as a parameter: monthParam('2024-05') → 05/2024 in Vietnamese, 2024-05 in English; anything else stays as written. */
export function monthParam(month: string): Message | string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? { key: 'write_month_value', params: { year: match[1]!, month: match[2]! } } : month;
}

export const domainMessages = defineCatalogue({
  // --- Writes in general
  write_json_body: {
    vi: 'Hãy gửi nội dung dạng JSON, với tiêu đề content-type: application/json.',
    en: 'Send the body as JSON with the header content-type: application/json.',
  },
  write_json_body_got: {
    vi: 'Hãy gửi nội dung dạng JSON, với tiêu đề content-type: application/json (đã nhận {type}).',
    en: 'Send the body as JSON with the header content-type: application/json (got {type}).',
  },
  write_body_too_large: {
    vi: 'Nội dung gửi lên lớn hơn {size}, mức tối đa địa chỉ này nhận; chỉ gửi các trường của địa chỉ này.',
    en: 'The request body is larger than {size}, the most this endpoint takes; send only the fields of this endpoint.',
  },
  write_month_value: { vi: '{month}/{year}', en: '{year}-{month}' },
  write_before_launch: { vi: 'ngày {date} trước ngày trang ra mắt {launchedOn}', en: "{date} is before the page's launch on {launchedOn}" },
  write_date_not_real: { vi: 'phải là một ngày có thật, viết dạng YYYY-MM-DD', en: 'must be a real date written YYYY-MM-DD' },
  write_date_in_future: { vi: 'ngày {date} còn ở tương lai; hôm nay là {today}', en: '{date} is in the future; today is {today}' },
  write_unit_not_in_scheme: {
    vi: '{code} không phải là đơn vị của {scheme}; tra mã đơn vị bằng GET /api/v1/units?scheme={scheme}',
    en: '{code} is not a unit of {scheme}; find codes with GET /api/v1/units?scheme={scheme}',
  },
  write_scheme_ended: {
    vi: '{scheme} đã kết thúc ngày {validTo}, trước ngày trang ra mắt {launchedOn}; hãy gán trang cho một đơn vị của cơ cấu sau đó',
    en: "{scheme} ended on {validTo}, before the page's launch on {launchedOn}; assign it to a unit of a later scheme",
  },
  write_url_taken: {
    vi: 'Trang {id} “{name}” đã có địa chỉ {url}; hãy sửa trang đó thay vì thêm lại.',
    en: 'Page {id} "{name}" already has the address {url}; edit that page instead of adding it again.',
  },
  write_platform_id_taken: {
    vi: 'Trang {id} “{name}” đã có mã {platform} {platformId}.',
    en: 'Page {id} "{name}" already has the {platform} id {platformId}.',
  },

  // --- Pages
  page_not_found: {
    vi: 'Không có trang nào mã {id}. Tra mã trang bằng GET /api/v1/pages.',
    en: 'No page with id {id}. Find page ids with GET /api/v1/pages.',
  },
  page_scope_without_unit: { vi: 'trang {id}, chưa thuộc đơn vị nào,', en: 'page {id}, which belongs to no unit,' },
  page_scope_of_unit: { vi: 'trang {id}, của đơn vị {unit},', en: 'page {id}, of unit {unit},' },
  page_platform_id_empty: {
    vi: 'không được để trống; hãy bỏ trường này hoặc gửi null',
    en: 'must not be empty; leave it out or send null',
  },
  page_second_front_page: {
    vi: '{unit} đã có một trang của Ủy ban MTTQ đang hoạt động: trang {id} “{name}” ({url}). Mỗi đơn vị có một trang chính thức; hãy cập nhật trang đó, hoặc gửi confirmSecondFrontPage: true để vẫn thêm trang này.',
    en: '{unit} already has a live Front page: page {id} "{name}" ({url}). A unit has one official page; update that page, or send confirmSecondFrontPage: true to add this one as well.',
  },
  page_launch_after_event: {
    vi: 'Trang có trạng thái “{status}” ngày {date}, trước ngày {launchedOn}; ngày ra mắt phải trùng hoặc trước trạng thái đầu tiên của trang.',
    en: 'The page has a {status} event on {date}, before {launchedOn}; its launch date must be on or before its first event.',
  },
  page_launch_after_figures: {
    vi: 'Trang có số liệu tháng {month}, trước ngày {launchedOn}; ngày ra mắt phải nằm trong hoặc trước tháng đầu tiên có số liệu.',
    en: 'The page has figures for {month}, before {launchedOn}; its launch date must be in or before its first reported month.',
  },
  page_launch_after_legacy: {
    vi: 'Trang thuộc một đơn vị của legacy63, cơ cấu đã kết thúc ngày {validTo}; ngày ra mắt {launchedOn} sẽ sau ngày đó.',
    en: 'The page belongs to a legacy63 unit, and legacy63 ended on {validTo}; a launch on {launchedOn} would be after it.',
  },

  // Status names, as a parameter of the messages below.
  page_status_reported: { vi: 'đã báo cáo', en: 'reported' },
  page_status_verified: { vi: 'đã xác minh', en: 'verified' },
  page_status_rejected: { vi: 'bị từ chối', en: 'rejected' },
  page_status_closed: { vi: 'đã đóng', en: 'closed' },
  page_status_reopened: { vi: 'mở lại', en: 'reopened' },

  page_review_central_only: {
    vi: 'Chỉ cán bộ Trung ương mới ghi được trạng thái “{status}”; hãy báo cáo trang và cán bộ Trung ương sẽ xem xét.',
    en: 'Only central staff may record {status}; report the page and central staff will review it.',
  },
  page_reject_needs_note: {
    vi: 'hãy ghi lý do từ chối; cán bộ cấp tỉnh sẽ đọc lý do này',
    en: 'give the reason for the rejection; the province reads it',
  },
  page_event_before_lifecycle: {
    vi: 'Trang đã chuyển sang “{last}” ngày {lastOn}; hãy ghi trạng thái “{status}” từ ngày đó trở đi.',
    en: 'The page was {last} on {lastOn}; date the {status} event on or after that day.',
  },
  page_reopen_live: {
    vi: 'Trang {id} đang hoạt động ngày {date}; chỉ mở lại được trang đã đóng hoặc bị từ chối.',
    en: 'Page {id} is live on {date}; only a closed or rejected page can be reopened.',
  },
  page_not_live_since: { vi: 'trang đã chuyển sang “{status}” ngày {date}', en: 'it was {status} on {date}' },
  page_not_live: { vi: 'trang chưa hoạt động', en: 'it is not live' },
  page_fix_nothing: { vi: 'không cần làm gì thêm', en: 'nothing to do' },
  page_fix_reopen: { vi: 'hãy mở lại trang trước', en: 'reopen it first' },
  page_cannot_take_status: {
    vi: 'Trang {id} không thể chuyển sang “{status}” ngày {date}: {why}; {fix}.',
    en: 'Page {id} cannot be {status} on {date}: {why}; {fix}.',
  },
  page_already_verified: { vi: 'Trang {id} đã được xác minh ngày {date}.', en: 'Page {id} was already verified on {date}.' },
  page_bad_cursor: {
    vi: 'không phải con trỏ của địa chỉ này; hãy gửi nguyên nextCursor của câu trả lời trước, hoặc bỏ trống để xem trang đầu',
    en: 'is not a cursor from this endpoint; pass nextCursor from the previous answer unchanged, or omit it for the first page',
  },
  page_cursor_other_sort: {
    vi: 'được tạo cho sort={sort}; hãy giữ nguyên cách sắp xếp khi xem tiếp, hoặc bỏ con trỏ để xem lại từ đầu',
    en: 'was made for sort={sort}; keep the same sort while paging, or omit the cursor to start again',
  },

  // --- Monthly figures
  metric_count_invalid: { vi: 'phải là số nguyên, từ 0 trở lên', en: 'must be a whole number, 0 or more' },
  metric_month_in_future: { vi: 'tháng {month} còn ở tương lai; hôm nay là {today}', en: '{month} is in the future; today is {today}' },
  metric_month_before_launch: {
    vi: 'tháng {month} trước ngày trang ra mắt {launchedOn}',
    en: "{month} is before the page's launch on {launchedOn}",
  },
  metric_last_post_after_month: { vi: 'ngày {date} sau ngày cuối của tháng {month}', en: '{date} is after the end of {month}' },

  // --- Page addresses
  url_whitespace: { vi: 'không được chứa dấu cách hay ký tự điều khiển', en: 'must not contain spaces or control characters' },
  url_not_http: { vi: 'phải là địa chỉ http(s), ví dụ {example}', en: 'must be an http(s) address, e.g. {example}' },
  url_not_web: { vi: 'không phải địa chỉ web; hãy nhập địa chỉ như {example}', en: 'is not a web address; give one like {example}' },
  url_credentials: { vi: 'không được chứa tên đăng nhập hay mật khẩu', en: 'must not contain a user name or password' },
  url_port: { vi: 'không được ghi cổng (port)', en: 'must not name a port' },
  url_youtu_be: {
    vi: 'liên kết youtu.be trỏ tới một video, không phải kênh; hãy nhập địa chỉ kênh, ví dụ {example}',
    en: 'youtu.be links a video, not a channel; give the channel, e.g. {example}',
  },
  url_other_platform: {
    vi: 'là địa chỉ {other}; hãy chọn nền tảng {other}, hoặc nhập địa chỉ {platform} trên {shown}',
    en: 'is a {other} address; set platform to {other}, or give a {platform} address on {shown}',
  },
  url_wrong_host: {
    vi: 'phải là địa chỉ trên {shown} với nền tảng {platform}, ví dụ {example}',
    en: 'must be an address on {shown} for platform {platform}, e.g. {example}',
  },
  url_no_page: {
    vi: 'không chỉ tới trang nào; hãy nhập địa chỉ riêng của trang, ví dụ {example}',
    en: "names no page; give the page's own address, e.g. {example}",
  },
  url_tiktok_profile: {
    vi: 'phải là trang cá nhân TikTok, tiktok.com/@tên, ví dụ {example}',
    en: 'must be a TikTok profile, tiktok.com/@name, e.g. {example}',
  },
  url_tiktok_video: {
    vi: 'trỏ tới một video hoặc một mục, không phải trang; hãy nhập {profile}',
    en: 'links to a video or a tab, not the profile; give {profile}',
  },
  url_youtube_not_channel: {
    vi: 'không phải kênh YouTube (là video hay danh sách phát?); hãy nhập địa chỉ kênh, ví dụ {example}',
    en: 'is not a YouTube channel (a video or playlist?); give the channel, e.g. {example}',
  },
  url_youtube_bad_channel: {
    vi: 'không phải địa chỉ kênh YouTube; hãy nhập địa chỉ kênh, ví dụ {example}',
    en: 'is not a YouTube channel address; give the channel, e.g. {example}',
  },

  // --- Units, coverage
  unit_not_found: {
    vi: '{scheme} không có đơn vị mã {code}; mã đơn vị được dùng lại giữa các cơ cấu, nên hãy kiểm tra cả cơ cấu',
    en: '{scheme} has no unit with code {code}; codes are reused across schemes, so check the scheme too',
  },
  coverage_from_after_to: {
    vi: 'ngày {from} sau ngày to ({to}); hãy chọn from trùng hoặc trước to',
    en: '{from} is after to ({to}); choose a from on or before to',
  },
  coverage_too_many_weeks: {
    vi: 'từ {from} đến {to} có hơn {max} mốc theo tuần; hãy chọn from muộn hơn, hoặc interval=month',
    en: 'from {from} to {to} makes more than {max} weekly points; choose a later from, or interval=month',
  },
  coverage_too_many_months: {
    vi: 'từ {from} đến {to} có hơn {max} mốc theo tháng; hãy chọn from muộn hơn',
    en: 'from {from} to {to} makes more than {max} monthly points; choose a later from',
  },

  // --- Reporting periods and work queues
  report_period_not_found: {
    vi: 'Không có kỳ báo cáo mã {id}; xem danh sách bằng GET /api/v1/reporting/periods?scheme=…',
    en: 'No reporting period {id}; list them with GET /api/v1/reporting/periods?scheme=…',
  },
  report_period_open: {
    vi: 'Kỳ báo cáo {scheme} tháng {month} đã được mở (mã {id}, hạn {deadline}); đổi hạn bằng PATCH /api/v1/reporting/periods/{id}.',
    en: 'A reporting period for {scheme} {month} is already open (id {id}, deadline {deadline}); change its deadline with PATCH /api/v1/reporting/periods/{id}.',
  },
  report_deadline_before_month: {
    vi: 'không được trước ngày đầu của tháng báo cáo ({first}); đã nhập {deadline}',
    en: 'must not be before the first day of the month reported on ({first}); {deadline} is',
  },
  report_not_a_province: {
    vi: '{code} không phải tỉnh, thành của {scheme}, cơ cấu của kỳ báo cáo {id}; hãy dùng mã tỉnh 2 chữ số của cơ cấu đó',
    en: '{code} is not a province of {scheme}, the scheme of period {id}; use a 2-digit province code of that scheme',
  },

  // --- Snapshots
  snapshot_duplicate: {
    vi: 'Bản chốt số liệu {id} “{name}” với số liệu đến ngày {asOf} đã được {by} công bố ngày {at}. Hãy mở bản đó, đổi tên, hoặc gửi confirmDuplicate: true để công bố thêm một bản.',
    en: 'Snapshot {id} "{name}" with figures as of {asOf} was already published by {by} on {at}. Open that one, change the name, or send confirmDuplicate: true to publish another.',
  },
  snapshot_in_future: {
    vi: 'ngày {asOf} còn ở tương lai; bản chốt chỉ giữ lại số liệu đã có, tính đến hôm nay ({today})',
    en: '{asOf} is in the future; a snapshot freezes figures that exist, up to today ({today})',
  },
  snapshot_not_found: {
    vi: 'Không có bản chốt số liệu mã {id}; xem danh sách bằng GET /api/v1/snapshots',
    en: 'No snapshot {id}; list them with GET /api/v1/snapshots',
  },

  // --- Audit
  audit_bad_cursor: {
    vi: 'không phải con trỏ của địa chỉ này; hãy gửi nguyên nextCursor của câu trả lời trước, hoặc bỏ trống để xem các mục mới nhất',
    en: 'is not a cursor from this endpoint; pass nextCursor from the previous answer unchanged, or omit it for the newest entries',
  },
  audit_to_before_from: { vi: 'ngày {to} trước ngày from ({from})', en: '{to} is before from ({from})' },
});
