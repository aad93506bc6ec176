import { useQueryClient } from '@tanstack/react-query';
import { ChangePasswordForm } from '../accounts/ChangePasswordForm';
import { useAccountMessages } from '../accounts/ui';

/** The one screen of a session opened with a temporary password; once changed, every screen loads again. */
export function ForcedPasswordChange() {
  const m = useAccountMessages();
  const queryClient = useQueryClient();
  return (
    <ChangePasswordForm
      title={m.forcedTitle}
      isPageTitle
      lead={m.forcedLead}
      onChanged={() => void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'auth' })}
    />
  );
}
