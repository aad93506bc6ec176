/**
 * User-facing text, Vietnamese first with English beside it, under the same keys (a test checks
 * it). Placeholders are written {name} and filled by `fill`.
 */
const vi = {
  appTitle: 'Bảng theo dõi Trang cộng đồng MTTQ',
  appLead: 'Theo dõi việc xây dựng và hoạt động của các trang cộng đồng của Ủy ban MTTQ các cấp.',
  switchLanguage: 'English',
  switchLanguageLabel: 'English — chuyển sang tiếng Anh',

  navLabel: 'Các màn hình',
  nav_overview: 'Tổng quan',
  nav_map: 'Bản đồ',
  nav_registry: 'Danh sách trang',
  nav_timelapse: 'Diễn biến',
  nav_snapshots: 'Bản chốt số liệu',
  nav_present: 'Trình chiếu',
  nav_reporting: 'Báo cáo',
  nav_accounts: 'Tài khoản',
  skipToContent: 'Bỏ qua, đến nội dung chính',
  showDataTable: 'Bảng số liệu',

  role_admin: 'quản trị viên',
  role_central: 'cán bộ Trung ương',
  role_province: 'cán bộ cấp tỉnh',
  role_viewer: 'người xem',
  scopeEverywhere: 'toàn quốc',
  forbiddenTitle: 'Bạn không có quyền mở nội dung này',
  forbiddenYouAre: 'Bạn đang đăng nhập là {username} ({role}, phạm vi: {scope}).',
  forbiddenAsk: 'Nếu cần quyền này, hãy liên hệ cán bộ Trung ương hoặc quản trị viên.',

  signInTitle: 'Đăng nhập',
  signInLead: 'Cần đăng nhập để xem số liệu.',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  signInButton: 'Đăng nhập',
  signingIn: 'Đang đăng nhập…',
  signInWrong: 'Sai tên đăng nhập hoặc mật khẩu. Hãy kiểm tra và thử lại.',
  signInLocked: 'Đăng nhập sai quá nhiều lần. Hãy thử lại sau ít phút.',
  signInDisabled: 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.',
  signedInAs: 'Đã đăng nhập: {username}',
  signOut: 'Đăng xuất',

  schemeLabel: 'Cơ cấu hành chính',
  scheme_legacy63: '63 tỉnh, thành — có cấp huyện',
  scheme_reform34: '34 tỉnh, thành — từ 01/07/2025',
  asOfLabel: 'Số liệu đến ngày',
  asOfRange: 'Từ {from} đến {to}',
  asOfRangeOpen: 'Từ {from}',
  asOfClamped: 'Cơ cấu này không còn hiệu lực vào hôm nay ({today}): số liệu tính đến ngày cuối cùng của nó, {date}.',
  figuresAsOf: 'Số liệu đến ngày {date}',
  demoBanner: 'Dữ liệu minh họa: các con số dưới đây không phải số liệu thật.',

  headlineTitle: 'Độ phủ trang cộng đồng',
  units_province: 'tỉnh, thành',
  units_district: 'quận, huyện',
  units_commune_legacy63: 'xã, phường, thị trấn',
  units_commune_reform34: 'xã, phường, đặc khu',
  cardFraction: '{covered}/{total} {units}',
  cardCoveredShare: '{share} có trang',
  cardVerifiedShare: '{share} đã xác minh',

  tableCaption: 'Độ phủ cấp xã theo {units} — số liệu đến ngày {date}',
  colUnit_province: 'Tỉnh, thành',
  colUnit_district: 'Quận, huyện',
  colUnit_commune: 'Xã, phường',
  colCommunes: 'Xã có trang / tổng số',
  colCommunesCovered: 'Xã có trang',
  colCommunesTotal: 'Tổng số xã',
  colShare: 'Tỷ lệ',

  loading: 'Đang tải…',
  errorTitle: 'Không tải được số liệu.',
  retry: 'Thử lại',
  noData: 'Chưa có số liệu',
} as const;

export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  appTitle: 'Fatherland Front community-page dashboard',
  appLead: 'Tracks which Front committees run an official community page and how active those pages are.',
  switchLanguage: 'Tiếng Việt',
  switchLanguageLabel: 'Tiếng Việt — switch to Vietnamese',

  navLabel: 'Screens',
  nav_overview: 'Overview',
  nav_map: 'Map',
  nav_registry: 'Page registry',
  nav_timelapse: 'Time-lapse',
  nav_snapshots: 'Snapshots',
  nav_present: 'Present',
  nav_reporting: 'Reporting',
  nav_accounts: 'Accounts',
  skipToContent: 'Skip to main content',
  showDataTable: 'Data table',

  role_admin: 'administrator',
  role_central: 'central staff',
  role_province: 'province officer',
  role_viewer: 'viewer',
  scopeEverywhere: 'the whole country',
  forbiddenTitle: 'You do not have access to this',
  forbiddenYouAre: 'You are signed in as {username} ({role}, scope: {scope}).',
  forbiddenAsk: 'If you need this access, ask central staff or an administrator.',

  signInTitle: 'Sign in',
  signInLead: 'Sign in to see the figures.',
  username: 'Username',
  password: 'Password',
  signInButton: 'Sign in',
  signingIn: 'Signing in…',
  signInWrong: 'Wrong username or password. Check them and try again.',
  signInLocked: 'Too many failed sign-ins. Try again in a few minutes.',
  signInDisabled: 'This account is disabled. Ask an administrator.',
  signedInAs: 'Signed in as {username}',
  signOut: 'Sign out',

  schemeLabel: 'Administrative structure',
  scheme_legacy63: '63 provinces — with districts',
  scheme_reform34: '34 provinces — from 1 Jul 2025',
  asOfLabel: 'Figures as of',
  asOfRange: 'From {from} to {to}',
  asOfRangeOpen: 'From {from}',
  asOfClamped: 'This structure is not in force today ({today}): the figures are as of its last day, {date}.',
  figuresAsOf: 'Figures as of {date}',
  demoBanner: 'Demo data: the figures below are not real.',

  headlineTitle: 'Community-page coverage',
  units_province: 'provinces and cities',
  units_district: 'districts',
  units_commune_legacy63: 'communes, wards and townships',
  units_commune_reform34: 'communes, wards and special zones',
  cardFraction: '{covered}/{total} {units}',
  cardCoveredShare: '{share} have a page',
  cardVerifiedShare: '{share} verified',

  tableCaption: 'Commune coverage by {units} — figures as of {date}',
  colUnit_province: 'Province',
  colUnit_district: 'District',
  colUnit_commune: 'Commune',
  colCommunes: 'Communes with a page / total',
  colCommunesCovered: 'Communes with a page',
  colCommunesTotal: 'Communes',
  colShare: 'Share',

  loading: 'Loading…',
  errorTitle: 'The figures could not be loaded.',
  retry: 'Try again',
  noData: 'No data yet',
};

export const MESSAGES: Record<'vi' | 'en', Messages> = { vi, en };
export type Locale = keyof typeof MESSAGES;
export const LOCALES: readonly Locale[] = ['vi', 'en'];

/** Vietnamese and English text under the same keys; a missing English key fails the type check. */
export type Catalogue<K extends string> = Record<Locale, Record<K, string>>;

/**
 * Declares a feature's catalogue: defineMessages({ vi: { title: 'Bản đồ' }, en: { title: 'Map' } }).
 * Features keep their text beside their code so it loads with their route; shared text stays here.
 */
export function defineMessages<K extends string>(catalogue: { vi: Record<K, string>; en: Record<NoInfer<K>, string> }): Catalogue<K> {
  return catalogue;
}

/** fill('{covered}/{total}', { covered: '5', total: '9' }) → '5/9'; unknown placeholders stay as written. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
