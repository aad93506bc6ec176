/** The six socio-economic regions used by the General Statistics Office, north to south. */
export const REGIONS = [
  'northern-midlands-mountains',
  'red-river-delta',
  'north-central-coast',
  'central-highlands',
  'southeast',
  'mekong-delta',
] as const;
export type Region = (typeof REGIONS)[number];
