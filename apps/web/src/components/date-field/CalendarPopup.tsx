import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatDate, formatMonthName } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { todayIso } from '../../url/today';
import { dateFieldMessages } from './messages';

interface CalendarPopupProps {
  id: string;
  kind: 'date' | 'month';
  /** The field's value, or '' (the popup then opens on today, or on max if that is earlier). */
  value: string;
  min?: string;
  max?: string;
  onChoose: (value: string) => void;
  onClose: () => void;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isInside = (iso: string, min?: string, max?: string) => (!min || iso >= min.slice(0, iso.length)) && (!max || iso <= max.slice(0, iso.length));

/** The days of a month ('2022-08') as ISO dates, after the blanks that put the 1st under its weekday (Monday first). */
function monthDays(month: string): (string | null)[] {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, mon - 1, 1));
  const blanks = (first.getUTCDay() + 6) % 7;
  const count = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return [...Array<null>(blanks).fill(null), ...Array.from({ length: count }, (_, i) => `${month}-${pad(i + 1)}`)];
}

function shiftMonth(month: string, by: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, mon - 1 + by, 1));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
}

/**
 * The small calendar of a date field: a month of days (or, for a month field, a year of months)
 * with previous / next buttons. Tab moves between buttons, Escape closes and gives focus back.
 */
export function CalendarPopup({ id, kind, value, min, max, onChoose, onClose }: CalendarPopupProps) {
  const { locale } = useLocale();
  const m = useMessages(dateFieldMessages);
  const start = value || (max && max < todayIso() ? max : todayIso());
  // The page shown: a month ('2022-08') of days, or a year ('2022') of months.
  const [page, setPage] = useState(kind === 'date' ? start.slice(0, 7) : start.slice(0, 4));
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    (ref.current?.querySelector<HTMLButtonElement>('[aria-pressed="true"]') ?? ref.current?.querySelector<HTMLButtonElement>('.calendar-grid button:not(:disabled)'))?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onClose();
  };
  const isDays = kind === 'date';
  const step = (by: number) => setPage((current) => (isDays ? shiftMonth(current, by) : String(Number(current) + by)));
  const title = isDays ? formatMonthName(page, locale) : fill(m.year, { year: page });
  const cells = isDays ? monthDays(page) : Array.from({ length: 12 }, (_, i) => `${page}-${pad(i + 1)}`);
  return (
    <div id={id} ref={ref} className="calendar-popup" role="dialog" aria-label={isDays ? m.calendar : m.months} onKeyDown={onKeyDown}>
      <div className="calendar-head">
        <button type="button" onClick={() => step(-1)} aria-label={isDays ? m.previousMonth : m.previousYear}>
          ‹
        </button>
        <span aria-live="polite">{title}</span>
        <button type="button" onClick={() => step(1)} aria-label={isDays ? m.nextMonth : m.nextYear}>
          ›
        </button>
      </div>
      <div className={isDays ? 'calendar-grid days' : 'calendar-grid months'}>
        {isDays &&
          m.weekdays.split(' ').map((day) => (
            <span key={day} className="calendar-weekday" aria-hidden="true">
              {day}
            </span>
          ))}
        {cells.map((cell, i) =>
          cell === null ? (
            <span key={`blank-${i}`} />
          ) : (
            <button
              key={cell}
              type="button"
              disabled={!isInside(cell, min, max)}
              aria-pressed={cell === value}
              aria-label={isDays ? formatDate(cell, locale) : formatMonthName(cell, locale)}
              onClick={() => onChoose(cell)}
            >
              {isDays ? Number(cell.slice(8)) : locale === 'vi' ? `T${Number(cell.slice(5))}` : formatMonthName(cell, 'en').slice(0, 3)}
            </button>
          ),
        )}
      </div>
      <button type="button" className="calendar-close" onClick={onClose}>
        {m.close}
      </button>
    </div>
  );
}
