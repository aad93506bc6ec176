/**
 * TikTok: nothing is collected; its figures stay reported by hand.
 *
 * Documentation read:
 * - Display API, Get User Info (GET https://open.tiktokapis.com/v2/user/info/): answers only for
 *   the TikTok user who signed in to the application and authorised its scopes (follower_count
 *   needs user.info.stats) — https://developers.tiktok.com/doc/tiktok-api-v2-get-user-info
 * - Research API (POST /v2/research/user/info/ with follower_count, video_count, likes_count):
 *   only for approved independent and academic researchers of non-profit institutions, under the
 *   Research Tools terms — https://developers.tiktok.com/doc/about-research-api/
 *
 * So no public TikTok API reads another account's figures without that account owner's sign-in,
 * and this product's use is not research: every TikTok page is skipped with not_supported.
 */
import { msg } from '../messages';
import type { Connector } from './types';

export const TIKTOK_NOTE = msg('connector_note_tiktok');

export const tiktokConnector: Connector<never> = {
  platform: 'tiktok',
  async check() {
    return { ok: false, message: TIKTOK_NOTE };
  },
  async collect(job) {
    for (const page of job.pages) job.report({ pageId: page.pageId, outcome: 'skipped', reason: 'not_supported', message: TIKTOK_NOTE, attempts: 0 });
  },
};
