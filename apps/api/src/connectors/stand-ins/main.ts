/**
 * `npm run stand-ins`: the three platform stand-ins for demos, on 127.0.0.1 only. Prints the
 * configuration to start the server with and the demo credentials to add on the connectors screen.
 * STAND_IN_PORT (default 4100): Facebook on it, YouTube on +1, Zalo on +2.
 */
import { startFacebookStandIn, DEMO_FACEBOOK_TOKEN } from './facebook';
import { DEMO_YOUTUBE_KEY, startYoutubeStandIn } from './youtube';
import { DEMO_ZALO_APP_ID, DEMO_ZALO_SECRET, demoZaloTokens, startZaloStandIn } from './zalo';

async function main() {
  const base = Number(process.env.STAND_IN_PORT ?? 4100);
  if (!Number.isInteger(base) || base < 1024 || base > 65_000) throw new Error('STAND_IN_PORT must be a port from 1024 to 65000');
  const facebook = await startFacebookStandIn({ port: base });
  const youtube = await startYoutubeStandIn({ port: base + 1 });
  const zalo = await startZaloStandIn({ port: base + 2 });
  const demoOa = demoZaloTokens('demo-zl-00001');
  console.log('Platform stand-ins are running (loopback only). Start the server with:');
  console.log(`  FACEBOOK_API_URL=${facebook.url}/v23.0 YOUTUBE_API_URL=${youtube.url}/youtube/v3 ZALO_API_URL=${zalo.url} CONNECTOR_KEY=$(openssl rand -base64 32) npm start`);
  console.log('Demo credentials (connectors screen, as admin):');
  console.log(`  Facebook system user token: ${DEMO_FACEBOOK_TOKEN} (reaches every page)`);
  console.log(`  YouTube API key: ${DEMO_YOUTUBE_KEY}`);
  console.log(`  Zalo OA (page with platform id demo-zl-00001): app id ${DEMO_ZALO_APP_ID}, secret key ${DEMO_ZALO_SECRET}, access token ${demoOa.accessToken}, refresh token ${demoOa.refreshToken}`);
  console.log('Press Ctrl+C to stop.');
  const stop = () => void Promise.all([facebook.close(), youtube.close(), zalo.close()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Cannot start the stand-ins: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
