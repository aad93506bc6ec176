import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../api/queries';
import { describeScopes } from '../api/session';
import { useLocale } from '../i18n/locale';
import { fill } from '../i18n/messages';

/**
 * The answer to a 403 or to a screen the account's role does not open: who you are signed in as,
 * what the screen needs, and the server's own reason when there is one.
 */
export function Forbidden({ needs, reason }: { needs?: string; reason?: string }) {
  const { t } = useLocale();
  const me = useQuery(meQuery());
  const user = me.data?.user;
  const scope = (user && describeScopes(user.scopes)) ?? t.scopeEverywhere;
  return (
    <div role="alert" className="panel error forbidden">
      <h2>{t.forbiddenTitle}</h2>
      {user && <p>{fill(t.forbiddenYouAre, { username: user.username, role: t[`role_${user.role}`], scope })}</p>}
      {needs && <p>{needs}</p>}
      {reason && <p>{reason}</p>}
      <p>{t.forbiddenAsk}</p>
    </div>
  );
}
