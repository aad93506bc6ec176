import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { meQuery, type Me } from '../../api/queries';
import { useLocale } from '../../i18n/locale';

// Loaded only when needed: most sessions never see it.
const ForcedPasswordChange = lazy(() => import('./ForcedPasswordChange').then((m) => ({ default: m.ForcedPasswordChange })));

/**
 * After signing in with a temporary password, the server answers every call but setting a new
 * password with 403 password_change_required: show that form instead of any screen until it is done.
 */
export function PasswordChangeGate({ children }: { children: ReactNode }) {
  const { t } = useLocale();
  const me = useQuery(meQuery());
  const mustChange = (me.data as (Me & { passwordChangeRequired?: true }) | undefined)?.passwordChangeRequired === true;
  if (!mustChange) return children;
  return (
    <Suspense fallback={<p>{t.loading}</p>}>
      <ForcedPasswordChange />
    </Suspense>
  );
}
