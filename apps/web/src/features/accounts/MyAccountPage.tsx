import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale } from '../../i18n/locale';
import { formatDateTime } from '../../i18n/format';
import { fill } from '../../i18n/messages';
import { ChangePasswordForm } from './ChangePasswordForm';
import { accountKeys, endOwnSession, ownSessionsQuery } from './queries';
import { ServerError, useAccountMessages } from './ui';

/** My account: change my password, see my sessions and end those I do not recognise. */
export function MyAccountPage() {
  const m = useAccountMessages();
  const { locale, t } = useLocale();
  const queryClient = useQueryClient();
  const sessions = useQuery(ownSessionsQuery());
  const end = useMutation({
    mutationFn: endOwnSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
  return (
    <>
      <h1>{m.mineTitle}</h1>
      <ChangePasswordForm title={m.changePasswordTitle} />
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{m.sessionsTitle}</h2>
        {sessions.isPending && <p>{t.loading}</p>}
        {sessions.isError && <ServerError error={sessions.error} />}
        {end.isError && <ServerError error={end.error} />}
        {sessions.data && (
          <table className="sessions-table">
            <thead>
              <tr>
                <th scope="col">{m.colSignedIn}</th>
                <th scope="col">{m.colExpires}</th>
                <th scope="col">{m.colBrowser}</th>
                <th scope="col">{m.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.items.map((session) => {
                const time = formatDateTime(session.createdAt, locale);
                return (
                  <tr key={session.id}>
                    <td>{time}</td>
                    <td>{formatDateTime(session.expiresAt, locale)}</td>
                    <td>{session.userAgent ?? m.unknownBrowser}</td>
                    <td>
                      {session.isCurrent ? (
                        m.thisSession
                      ) : (
                        <button type="button" aria-label={fill(m.endSessionLabel, { time })} disabled={end.isPending} onClick={() => end.mutate(session.id)}>
                          {m.endSession}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
