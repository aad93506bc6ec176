/** The platform stand-ins in their own process for the connectors benchmark: options in, URLs out over IPC. */
import { startStandIns } from '../src/connectors/stand-ins';

process.once('message', async (options: Parameters<typeof startStandIns>[0]) => {
  const standIns = await startStandIns(options);
  process.send!({ urls: standIns.urls });
  process.on('message', (message: string) => {
    if (message === 'stats') process.send!({ stats: { facebook: standIns.facebook.stats, youtube: standIns.youtube.stats, zalo: standIns.zalo.stats } });
    if (message === 'stop') void standIns.close().then(() => process.exit(0));
  });
});
