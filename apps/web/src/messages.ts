/** User-facing text, Vietnamese first with English beside it. */
export const MESSAGES = {
  vi: {
    title: 'Bảng theo dõi Trang cộng đồng của Mặt trận Tổ quốc',
    lead: 'Theo dõi việc xây dựng và hoạt động của các trang cộng đồng của Ủy ban MTTQ các cấp.',
    comingSoon: 'Giao diện bảng điều khiển đang được xây dựng. Máy chủ và cơ sở dữ liệu đã sẵn sàng.',
    health: 'Tình trạng máy chủ (JSON)',
    switchLanguage: 'English',
  },
  en: {
    title: 'Vietnam Fatherland Front community-page rollout dashboard',
    lead: 'Tracks which Front committees run an official community page and how active those pages are.',
    comingSoon: 'The dashboard screens are being built. The server and database are ready.',
    health: 'Server health (JSON)',
    switchLanguage: 'Tiếng Việt',
  },
} as const;

export type Locale = keyof typeof MESSAGES;
