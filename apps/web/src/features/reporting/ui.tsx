/** Small pieces the reporting screens share: the signed-in user, form fields, error panels, pickers. */
import { useQuery } from '@tanstack/react-query';
import { SCHEME_IDS } from '@mttq/core/rules';
import type { SchemeId } from '@mttq/core';
import { createContext, useContext, useId, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import type { SessionUser } from '../../api/queries';
import { Forbidden } from '../../components/Forbidden';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { reportingMessages } from './messages';
import { isOfficer, scopeProvinces, userSchemes } from '../../api/session';

import type { FieldErrors } from './form-errors';
import { provincesQuery } from '../../api/queries';

const ReportingUserContext = createContext<SessionUser | null>(null);
export const ReportingUserProvider = ReportingUserContext.Provider;

/** The signed-in reporter; ReportingRoutes renders the screens only when there is one. */
export function useReportingUser(): SessionUser {
  const user = useContext(ReportingUserContext);
  if (!user) throw new Error('useReportingUser must be used inside ReportingRoutes');
  return user;
}

/** The messages of the reporting screens in the current language. */
export const useReportingMessages = () => useMessages(reportingMessages);

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}

/**
 * A labelled control with its hint and its error under it; the control gets aria-invalid and
 * aria-describedby pointing at both, so a screen reader reads the problem with the field.
 */
export function Field({ label, error, hint, optional, children }: FieldProps) {
  const m = useReportingMessages();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="muted"> {m.optional}</span>}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Problems not tied to one field (a 409, a 403, the server's own words), above the form. */
export function FormAlert({ messages, fieldErrorCount }: { messages: readonly string[]; fieldErrorCount: number }) {
  const m = useReportingMessages();
  if (messages.length === 0 && fieldErrorCount === 0) return null;
  return (
    <div role="alert" className="form-alert">
      {fieldErrorCount > 0 && <p>{fill(m.formHasErrors, { count: fieldErrorCount })}</p>}
      {messages.length > 0 && (
        <>
          <p>{m.serverSays}</p>
          <ul>
            {messages.map((message, i) => (
              <li key={i}>{message}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Errors keyed '' are about the whole body. */
export const fieldErrorCount = (errors: FieldErrors): number => Object.keys(errors).filter((k) => k !== '').length;

/** A write that failed: a 403 explains the scope (Forbidden); anything else is listed. */
export function WriteError({ error }: { error: unknown }) {
  const { t } = useLocale();
  if (!error) return null;
  if (error instanceof ApiError && error.status === 403) return <Forbidden reason={error.message} />;
  return <FormAlert messages={[error instanceof ApiError ? error.message : t.errorTitle]} fieldErrorCount={0} />;
}

/** A success note, announced politely. */
export function Done({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="done">
      {children}
    </p>
  );
}

/** The scheme picker: every scheme, or the ones given (an officer's: those their scope reaches). */
export function SchemeSelect({ value, onChange, schemes = SCHEME_IDS }: { value: SchemeId; onChange: (scheme: SchemeId) => void; schemes?: readonly SchemeId[] }) {
  const m = useReportingMessages();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{m.schemeLabel}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as SchemeId)}>
        {schemes.map((scheme) => (
          <option key={scheme} value={scheme}>
            {m[`scheme_${scheme}`]}
          </option>
        ))}
      </select>
    </div>
  );
}

interface ProvinceSelectProps {
  scheme: SchemeId;
  value: string | null;
  onChange: (code: string | null) => void;
  /** the label of the "none" choice; without it, "pick a province" */
  empty?: string;
  /** only these codes (an officer's provinces); no "none" choice then, unless `empty` names it */
  only?: readonly string[] | null;
  /** the field's label; "Tỉnh, thành" without it */
  label?: string;
}

/** A province of the scheme, or none ('' with the `empty` label); an officer's provinces only when `only` is given. */
export function ProvinceSelect({ scheme, value, onChange, empty, only, label }: ProvinceSelectProps) {
  const m = useReportingMessages();
  const id = useId();
  const provinces = useQuery(provincesQuery(scheme));
  const items = only ? (provinces.data?.items ?? []).filter((p) => only.includes(p.code)) : (provinces.data?.items ?? []);
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? m.provinceLabel}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} aria-busy={provinces.isPending}>
        {(!only || empty !== undefined) && <option value="">{empty ?? m.provinceChoose}</option>}
        {items.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name} ({p.code})
          </option>
        ))}
        {/* keep a code from the URL selectable while the list loads */}
        {value && !provinces.data && <option value={value}>{value}</option>}
      </select>
    </div>
  );
}

/**
 * The scheme and province pickers of a reporting screen. Central staff and admins pick any;
 * an officer picks among the schemes and provinces their scope reaches (reform34 by default,
 * legacy63 to correct history).
 */
export function ScopeControls({
  scheme,
  province,
  onScheme,
  onProvince,
  empty,
}: {
  scheme: SchemeId;
  province: string | null;
  onScheme: (scheme: SchemeId) => void;
  onProvince: (code: string | null) => void;
  empty?: string;
}) {
  const user = useReportingUser();
  return (
    <>
      <SchemeSelect value={scheme} onChange={onScheme} schemes={userSchemes(user)} />
      {/* an officer always works in one of their provinces: no "whole country" choice */}
      <ProvinceSelect scheme={scheme} value={province} onChange={onProvince} only={scopeProvinces(user, scheme)} {...(empty !== undefined && !isOfficer(user) ? { empty } : {})} />
    </>
  );
}
