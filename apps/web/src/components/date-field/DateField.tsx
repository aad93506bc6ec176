import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { formatDate, formatMonthName } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { CalendarPopup } from './CalendarPopup';
import { DATE_PATTERN, formatDateText, formatMonthText, parseDateText, parseMonthText } from './date-text';
import { dateFieldMessages } from './messages';
import './date-field.css';

export interface DateFieldProps {
  id?: string;
  name?: string;
  /** 'date': YYYY-MM-DD, written dd/mm/yyyy; 'month': YYYY-MM, written "tháng 6/2025" / "June 2025". */
  kind?: 'date' | 'month';
  /** The value in ISO form; '' for none. */
  value: string;
  /** Called with each complete value inside [min, max], or '' when the field is emptied or its text is wrong. */
  onChange: (value: string) => void;
  min?: string;
  max?: string;
  required?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** A calendar drawn, not an emoji: some systems have no emoji font. */
function CalendarIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="1.75" y="3" width="12.5" height="11" rx="1.5" />
      <path d="M1.75 6.5h12.5M5 1.5v3M11 1.5v3" />
    </svg>
  );
}

/** shiftIso('2022-08-12', 'date', 1) → '2022-08-13'; shiftIso('2025-12', 'month', 1) → '2026-01' */
function shiftIso(value: string, kind: 'date' | 'month', by: number): string {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number?];
  const date = new Date(Date.UTC(year, month - 1 + (kind === 'month' ? by : 0), (day ?? 1) + (kind === 'date' ? by : 0)));
  return date.toISOString().slice(0, kind === 'month' ? 7 : 10);
}

/**
 * A date or month field that reads and writes the Vietnamese way (12/08/2022, tháng 6/2025) in
 * any browser language, unlike <input type="date">, which follows the browser. Typing, ↑ ↓ (a day
 * or a month more or less) or the calendar button; a wrong or out-of-range text says what to type
 * under the field.
 */
export function DateField({ id, name, kind = 'date', value, onChange, min, max, required, 'aria-describedby': describedBy, 'aria-invalid': isInvalid }: DateFieldProps) {
  const { locale } = useLocale();
  const m = useMessages(dateFieldMessages);
  const ownId = useId();
  const inputId = id ?? `${ownId}-input`;
  const format = (iso: string) => (kind === 'month' ? formatMonthText(iso, locale) : formatDateText(iso));
  const parse = (text: string) => (kind === 'month' ? parseMonthText(text) : parseDateText(text));
  const [text, setText] = useState(() => format(value));
  const [problem, setProblem] = useState<string | null>(null);
  const [isOpen, setIsOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // A value that changes to anything but what this field last reported came from outside (the
  // URL, a reset) and replaces the text, as does a new language; a half-typed text is left alone.
  const reported = useRef(value);
  const seen = useRef({ value, locale });
  useEffect(() => {
    const isNewValue = value !== seen.current.value && value !== reported.current;
    const isNewLocale = locale !== seen.current.locale;
    seen.current = { value, locale };
    if (!isNewValue && !isNewLocale) return;
    reported.current = value;
    if (isNewValue || value !== '') setText(format(value));
    setProblem(null);
  });

  const shown = (iso: string) => (kind === 'month' ? formatMonthName(iso, locale) : formatDate(iso, locale));
  /** The problem with a text, or null when it is empty or a value inside the range. */
  const problemOf = (typed: string): string | null => {
    if (typed.trim() === '') return null;
    const parsed = parse(typed);
    if (parsed === null) return fill(kind === 'month' ? m.badMonth : m.badDate, { text: typed.trim() });
    if (min && parsed < min) return fill(m.tooEarly, { min: shown(min) });
    if (max && parsed > max) return fill(m.tooLate, { max: shown(max) });
    return null;
  };
  const apply = (typed: string) => {
    const parsed = parse(typed);
    const isGood = parsed !== null && problemOf(typed) === null;
    const next = typed.trim() === '' ? '' : isGood ? parsed : '';
    reported.current = next;
    if (next !== value) onChange(next);
  };
  const choose = (iso: string) => {
    setText(format(iso));
    setProblem(null);
    reported.current = iso;
    if (iso !== value) onChange(iso);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') setProblem(problemOf(text));
    if ((event.key === 'ArrowUp' || event.key === 'ArrowDown') && value !== '') {
      event.preventDefault();
      const next = shiftIso(value, kind, event.key === 'ArrowUp' ? 1 : -1);
      if ((!min || next >= min) && (!max || next <= max)) choose(next);
    }
  };

  const hintId = `${ownId}-hint`;
  const problemId = `${ownId}-problem`;
  const popupId = `${ownId}-popup`;
  return (
    <span className="date-field">
      <span className="date-field-row">
        <input
          id={inputId}
          name={name}
          type="text"
          inputMode={kind === 'date' ? 'numeric' : 'text'}
          autoComplete="off"
          placeholder={kind === 'date' ? DATE_PATTERN : locale === 'vi' ? 'tháng m/yyyy' : 'm/yyyy'}
          required={required}
          value={text}
          aria-invalid={problem !== null || isInvalid || undefined}
          aria-describedby={[describedBy, hintId, problem ? problemId : null].filter(Boolean).join(' ')}
          onChange={(event) => {
            setText(event.target.value);
            if (problem !== null) setProblem(problemOf(event.target.value));
            apply(event.target.value);
          }}
          onBlur={() => {
            const found = problemOf(text);
            setProblem(found);
            // a good value is shown the one way: '1/7/2020' → '01/07/2020', '6/2025' → 'tháng 6/2025'
            const parsed = parse(text);
            if (found === null && parsed !== null) setText(format(parsed));
          }}
          onKeyDown={onKeyDown}
        />
        <button
          ref={buttonRef}
          type="button"
          className="date-field-open"
          aria-label={kind === 'month' ? m.openMonths : m.openCalendar}
          aria-expanded={isOpen}
          aria-controls={isOpen ? popupId : undefined}
          onClick={() => setIsOpen((open) => !open)}
        >
          <CalendarIcon />
        </button>
      </span>
      <small id={hintId} className="date-field-hint">
        {kind === 'month' ? m.monthHint : m.dateHint}
      </small>
      {problem && (
        <span id={problemId} className="date-field-problem" role="alert">
          {problem}
        </span>
      )}
      {isOpen && (
        <CalendarPopup
          id={popupId}
          kind={kind}
          value={value}
          min={min}
          max={max}
          onChoose={(iso) => {
            choose(iso);
            setIsOpen(false);
            buttonRef.current?.focus();
          }}
          onClose={() => {
            setIsOpen(false);
            buttonRef.current?.focus();
          }}
        />
      )}
    </span>
  );
}
