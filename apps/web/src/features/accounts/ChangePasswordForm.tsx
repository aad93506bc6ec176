import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { queryKeys } from '../../api/queries';
import { changeOwnPassword } from './queries';
import { LabelledInput, Notice, ServerError, useAccountMessages, useFields } from './ui';

/** Change one's own password: current one, new one twice. `onChanged` runs after the server took it. */
export function ChangePasswordForm({ title, lead, onChanged, isPageTitle = false }: { title: string; lead?: string; onChanged?: () => void; isPageTitle?: boolean }) {
  const Heading = isPageTitle ? 'h1' : 'h2';
  const m = useAccountMessages();
  const queryClient = useQueryClient();
  const { fields, bind, reset } = useFields({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () => changeOwnPassword(fields.currentPassword, fields.newPassword),
    onSuccess: async () => {
      reset();
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
      await queryClient.invalidateQueries({ queryKey: ['auth', 'sessions'] });
      onChanged?.();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const differs = fields.newPassword !== fields.confirmPassword;
    setMismatch(differs);
    if (!differs) change.mutate();
  };
  return (
    <form className="panel change-password" onSubmit={onSubmit} aria-labelledby="change-password-title">
      <Heading id="change-password-title">{title}</Heading>
      {lead && <p>{lead}</p>}
      <LabelledInput label={m.currentPassword} type="password" autoComplete="current-password" required {...bind('currentPassword')} />
      <LabelledInput label={m.newPassword} type="password" autoComplete="new-password" required minLength={8} {...bind('newPassword')} />
      <LabelledInput label={m.confirmPassword} type="password" autoComplete="new-password" required {...bind('confirmPassword')} />
      {mismatch && (
        <p role="alert" className="error">
          {m.passwordsDiffer}
        </p>
      )}
      {change.isError && <ServerError error={change.error} />}
      {change.isSuccess && <Notice>{m.passwordChanged}</Notice>}
      <button type="submit" disabled={change.isPending}>
        {m.changePasswordButton}
      </button>
    </form>
  );
}
