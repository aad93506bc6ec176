/** The catalogue's part for the platform connectors (connectors/). */
import { defineCatalogue } from './catalogue';

export const connectorMessages = defineCatalogue({
  // --- Errors of the connector routes
  connector_off: {
    vi: 'Chức năng tự động lấy số liệu đang tắt: máy chủ chưa có CONNECTOR_KEY, khóa dùng để mã hóa thông tin xác thực. Quản trị viên cần đặt CONNECTOR_KEY (32 byte ngẫu nhiên, ví dụ `openssl rand -base64 32`) rồi khởi động lại máy chủ.',
    en: 'Automatic collection is off: the server has no CONNECTOR_KEY, the key credentials are encrypted with. An administrator sets CONNECTOR_KEY (32 random bytes, e.g. `openssl rand -base64 32`) and restarts the server.',
  },
  connector_no_page: { vi: 'không có trang nào mã {id}', en: 'no page with id {id}' },
  connector_page_other_platform: { vi: 'trang {id} là trang {platform}, không phải {wanted}', en: 'page {id} is a {platform} page, not {wanted}' },
  connector_credential_not_found: { vi: 'Không có thông tin xác thực nào mã {id}.', en: 'No credential with id {id}.' },
  connector_run_not_found: {
    vi: 'Không có lần lấy số liệu nào mã {id}. Xem các lần lấy số liệu trong GET /api/v1/connectors.',
    en: 'No run with id {id}. See the runs in GET /api/v1/connectors.',
  },
  connector_run_in_progress: {
    vi: 'Lần lấy số liệu {id} cho tháng {month} vẫn đang chạy; theo dõi bằng GET /api/v1/connectors/runs/{id}.',
    en: 'Run {id} for {month} is still collecting; follow it with GET /api/v1/connectors/runs/{id}.',
  },
  connector_month_not_collectable: {
    vi: 'phải là {previous} (tháng vừa kết thúc) hoặc {current} (đến nay): các nền tảng chỉ cho biết số người theo dõi hiện tại, không cho biết của các tháng trước',
    en: 'must be {previous} (the month that ended last) or {current} (so far): the platforms give follower counts as they are today, not for past months',
  },

  // --- What each platform gives (GET /connectors)
  connector_note_facebook: {
    vi: 'Người theo dõi, số bài đăng trong tháng, tương tác (page_post_engagements) và lượt xem (page_media_view) qua Graph API; số liệu chi tiết (Insights) chỉ có với trang từ 100 lượt thích trở lên.',
    en: 'Followers, posts published in the month, interactions (page_post_engagements) and views (page_media_view) through the Graph API; insights only for Pages with 100 or more likes.',
  },
  connector_note_youtube: {
    vi: 'Người đăng ký, số video mới và lượt xem trong tháng (tổng trọn đời trừ đi tổng của tháng trước) qua YouTube Data API; 1 đơn vị hạn mức cho mỗi 50 kênh.',
    en: 'Subscribers, and the month’s new videos and views (lifetime counts minus last month’s) through the YouTube Data API; 1 quota unit per 50 channels.',
  },
  connector_note_zalo: {
    vi: 'Người quan tâm của từng Official Account đã được thêm mã truy cập OA (Zalo OA API); không có số bài đăng hay tương tác.',
    en: 'Followers of each Official Account whose OA access token was added (Zalo OA API); no post or interaction counts.',
  },
  connector_note_tiktok: {
    vi: 'API công khai của TikTok chỉ đọc số liệu của một tài khoản sau khi chủ tài khoản đăng nhập vào ứng dụng (Display API), hoặc cho nghiên cứu học thuật được duyệt (Research API): số liệu TikTok vẫn được báo cáo thủ công.',
    en: "TikTok's public APIs read an account's figures only after its owner signs in to the application (Display API), or for approved academic research (Research API): TikTok figures stay reported by hand.",
  },

  // --- Checks of a credential
  connector_platform_answer: { vi: 'Nền tảng trả lời: {text}', en: '{text}' },
  connector_secret_unreadable: {
    vi: 'Không giải mã được thông tin xác thực này bằng CONNECTOR_KEY hiện tại (khóa đã đổi, hoặc dữ liệu đã hỏng); hãy xóa rồi thêm lại.',
    en: 'This credential cannot be decrypted with the current CONNECTOR_KEY (the key changed, or the data is damaged); delete it and add it again.',
  },
  connector_platform_down: {
    vi: '{text}; nền tảng đã ngừng trả lời ({limit} yêu cầu liên tiếp bị lỗi) nên lần lấy số liệu này không hỏi thêm',
    en: '{text}; the platform stopped answering ({limit} requests in a row failed), so this run asks it no more',
  },
  connector_zalo_refresh_refused: {
    vi: 'Mã truy cập đã hết hạn và yêu cầu cấp lại bị từ chối: {text}',
    en: 'The access token expired and the refresh was refused: {text}',
  },
  connector_zalo_other_oa: { vi: 'Mã truy cập thuộc Official Account {oa}, không phải {wanted}', en: 'The token is for Official Account {oa}, not {wanted}' },
  connector_check_facebook: { vi: 'Graph API đã trả lời cho {name}', en: 'Graph API answered for {name}' },
  connector_check_zalo: {
    vi: 'Official Account {name} ({id}): {followers} người quan tâm',
    en: 'Official Account {name} ({id}): {followers} followers',
  },
  connector_check_youtube: {
    vi: 'YouTube Data API đã chấp nhận khóa (tốn 1 đơn vị hạn mức)',
    en: 'The YouTube Data API accepted the key (1 quota unit spent)',
  },

  // --- Runs
  connector_run_stopped: { vi: 'Lần lấy số liệu bị dừng: {text}', en: 'The run stopped: {text}' },
  connector_run_interrupted: {
    vi: 'Đã dừng sau {done}/{total} trang; số liệu đã lấy đến lúc đó được giữ lại',
    en: 'Stopped after {done} of {total} pages; the figures collected until then are kept',
  },
  connector_run_server_stopped: {
    vi: 'Máy chủ đã dừng trong lúc lấy số liệu; số liệu đã lấy đến lúc đó được giữ lại',
    en: 'The server stopped during the run; the figures collected until then are kept',
  },
  connector_run_summary: {
    vi: '{collected} trang đã lấy, {skipped} bỏ qua, {failed} lỗi; {changed} số liệu tháng mới hoặc thay đổi ({mirrored} cũng được tính là số liệu của tháng ở nơi chưa ai báo cáo)',
    en: "{collected} collected, {skipped} skipped, {failed} failed; {changed} monthly figures new or changed ({mirrored} also counted as the month's figures where nobody reported)",
  },
  connector_no_outcome: { vi: 'Bộ kết nối không cho kết quả nào với trang này', en: 'The connector gave no outcome for this page' },

  // --- One page's outcome, one metric left out
  connector_fb_no_page: { vi: 'Địa chỉ trang không chỉ tới Trang Facebook nào', en: 'The page address names no Facebook Page' },
  connector_fb_no_token: {
    vi: 'Chưa có mã truy cập Facebook nào với tới Trang này: hãy thêm mã của người dùng hệ thống thuộc doanh nghiệp quản lý Trang, hoặc mã truy cập của Trang',
    en: 'No Facebook token covers this Page: add a system user token of the business that manages it, or a Page token',
  },
  connector_fb_no_followers: { vi: 'Trang không trả về followers_count', en: 'The Page answered no followers_count' },
  connector_fb_insights_min_likes: {
    vi: 'Số liệu chi tiết (Page Insights) chỉ có với trang từ {min} lượt thích trở lên; trang này có {likes}',
    en: 'Page Insights are only available for Pages with {min} or more likes; this Page has {likes}',
  },
  connector_fb_no_metric: { vi: 'Graph API không trả về {metric} cho tháng này', en: 'The Graph API answered no {metric} for this month' },
  connector_zalo_no_token: {
    vi: 'Chưa thêm mã truy cập OA cho Official Account này (mỗi OA cấp mã riêng)',
    en: 'No OA access token has been added for this Official Account (each OA grants its own)',
  },
  connector_zalo_followers_only: { vi: 'Thông tin OA chỉ có số người quan tâm', en: 'The OA information gives followers only' },
  connector_yt_no_key: { vi: 'Chưa thêm khóa YouTube Data API', en: 'No YouTube Data API key has been added' },
  connector_yt_no_channel_address: { vi: 'Địa chỉ trang không chỉ tới kênh YouTube nào', en: 'The page address names no YouTube channel' },
  connector_yt_no_channel: { vi: 'channels.list không trả về kênh nào có mã này', en: 'channels.list answered no channel with this id' },
  connector_yt_hidden_subscribers: { vi: 'Kênh ẩn số người đăng ký', en: 'The channel hides its subscriber count' },
  connector_yt_no_baseline: {
    vi: 'channels.list chỉ cho tổng trọn đời; số của tháng là chênh lệch so với tháng trước, mà tháng trước chưa được lấy',
    en: 'channels.list gives lifetime counts only; the month is the difference from last month, which was not collected',
  },
  connector_yt_no_interactions: { vi: 'Thống kê của channels.list không có số tương tác', en: 'channels.list statistics have no interaction count' },
});
