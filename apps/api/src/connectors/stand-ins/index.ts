/** The three platform stand-ins together, on loopback ports, with the configuration that points the connectors at them. */
import { startFacebookStandIn, type FacebookStandInOptions } from './facebook';
import { startYoutubeStandIn, type YoutubeStandInOptions } from './youtube';
import { startZaloStandIn, type ZaloStandInOptions } from './zalo';

export { DEMO_FACEBOOK_TOKEN } from './facebook';
export { DEMO_YOUTUBE_KEY } from './youtube';
export { DEMO_ZALO_APP_ID, DEMO_ZALO_SECRET, demoZaloTokens } from './zalo';

export interface StandIns {
  facebook: Awaited<ReturnType<typeof startFacebookStandIn>>;
  youtube: Awaited<ReturnType<typeof startYoutubeStandIn>>;
  zalo: Awaited<ReturnType<typeof startZaloStandIn>>;
  /** FACEBOOK_API_URL, YOUTUBE_API_URL, ZALO_API_URL, ZALO_OAUTH_URL for these stand-ins. */
  env: Record<'FACEBOOK_API_URL' | 'YOUTUBE_API_URL' | 'ZALO_API_URL' | 'ZALO_OAUTH_URL', string>;
  urls: { facebook: string; youtube: string; zalo: string; zaloOauth: string };
  close(): Promise<void>;
}

export async function startStandIns(options: { facebook?: FacebookStandInOptions; youtube?: YoutubeStandInOptions; zalo?: ZaloStandInOptions } = {}): Promise<StandIns> {
  const [facebook, youtube, zalo] = await Promise.all([startFacebookStandIn(options.facebook), startYoutubeStandIn(options.youtube), startZaloStandIn(options.zalo)]);
  const urls = { facebook: `${facebook.url}/v23.0`, youtube: `${youtube.url}/youtube/v3`, zalo: zalo.url, zaloOauth: zalo.url };
  return {
    facebook,
    youtube,
    zalo,
    urls,
    env: { FACEBOOK_API_URL: urls.facebook, YOUTUBE_API_URL: urls.youtube, ZALO_API_URL: urls.zalo, ZALO_OAUTH_URL: urls.zaloOauth },
    close: async () => {
      await Promise.all([facebook.close(), youtube.close(), zalo.close()]);
    },
  };
}
