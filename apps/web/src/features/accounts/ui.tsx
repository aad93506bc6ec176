/** Pieces the account screens share. */
import { useId, useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { useLocale, useMessages } from '../../i18n/locale';
import { accountMessages } from './messages';

export const useAccountMessages = () => useMessages(accountMessages);

/** A refused or failed call: a lead, then the server's reason as it came (in the language the user reads). */
export function ServerError({ error }: { error: unknown }) {
  const m = useAccountMessages();
  const { t } = useLocale();
  const reason = error instanceof ApiError ? error.message : null;
  return (
    <div role="alert" className="panel error">
      <p>{reason ? m.refused : t.errorTitle}</p>
      {reason && (
        <p>
          {m.serverSays} {reason}
        </p>
      )}
    </div>
  );
}

/** A labelled input whose label and control are tied by id. */
export function LabelledInput({ label, hint, ...input }: { label: string; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A form's state: the text of each field, set by name. */
export function useFields<K extends string>(initial: Record<K, string>) {
  const [fields, setFields] = useState(initial);
  const bind = (name: K) => ({ name, value: fields[name], onChange: (e: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: e.target.value })) });
  return { fields, bind, reset: () => setFields(initial) };
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="panel notice">
      {children}
    </div>
  );
}
