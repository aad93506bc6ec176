import { describe, expect, it } from 'vitest';
import { grantableRoles } from './AccountsPage';
import { accountMessages } from './messages';
import { splitScopes } from './queries';

describe('the account screens', () => {
  it('offer no role above the user’s own, and a province officer only province officers', () => {
    expect(grantableRoles({ role: 'admin' })).toEqual(['admin', 'central', 'province', 'viewer']);
    expect(grantableRoles({ role: 'central' })).toEqual(['central', 'province', 'viewer']);
    expect(grantableRoles({ role: 'province' })).toEqual(['province']);
  });

  it('read scope units separated by commas, semicolons or spaces', () => {
    expect(splitScopes(' reform34:51, reform34:10001;legacy63:51  reform34:01 ')).toEqual(['reform34:51', 'reform34:10001', 'legacy63:51', 'reform34:01']);
    expect(splitScopes(' , ')).toEqual([]);
  });

  it('have every text in Vietnamese and English under the same keys', () => {
    expect(Object.keys(accountMessages.en).sort()).toEqual(Object.keys(accountMessages.vi).sort());
    for (const text of Object.values(accountMessages.vi)) expect(text.trim()).not.toBe('');
  });
});
