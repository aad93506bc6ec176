import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { logIn, queryKeys } from '../../api/queries';
import { useLocale } from '../../i18n/locale';
import type { Messages } from '../../i18n/messages';

/** What went wrong, in the user's language; the server's own message for anything unexpected. */
function signInErrorText(error: unknown, t: Messages): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return t.signInWrong;
    if (error.status === 429) return t.signInLocked;
    if (error.status === 403) return t.signInDisabled;
    return error.message;
  }
  return t.errorTitle;
}

/** The sign-in form; after signing in, every query refetches with the new session and `onSignedIn` runs. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useLocale();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => logIn(username.trim(), password),
    onSuccess: async (me) => {
      // a "who am I" asked before signing in would land later and sign the user out again
      await queryClient.cancelQueries({ queryKey: queryKeys.me });
      queryClient.setQueryData(queryKeys.me, me);
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
      onSignedIn();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  return (
    <form className="panel sign-in" onSubmit={onSubmit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t.signInTitle}</h1>
      <p>{t.signInLead}</p>
      <label>
        {t.username}
        <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        {t.password}
        <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {login.isError && (
        <p role="alert" className="error">
          {signInErrorText(login.error, t)}
        </p>
      )}
      <button type="submit" disabled={login.isPending}>
        {login.isPending ? t.signingIn : t.signInButton}
      </button>
    </form>
  );
}
