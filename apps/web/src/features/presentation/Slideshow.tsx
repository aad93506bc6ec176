import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import type { Briefing } from './briefing';
import { presentationMessages } from './messages';
import { AUTO_CHOICES, clampSlide, slideForKey, type PresentationSearch } from './presentation-search';
import { SlideFrame } from './Slides';

/** The slide's own size; the stage scales it to fit, letterboxed at 16:9. */
export const SLIDE_WIDTH = 1920;
export const SLIDE_HEIGHT = 1080;
/** Typed digits join into one slide number when pressed within this time ("1", "2" → 12). */
const DIGIT_JOIN_MS = 900;

/** The largest scale at which a 1920×1080 slide fits in the given box. */
export function fitScale(width: number, height: number): number {
  if (width <= 0 || height <= 0) return 0.1;
  return Math.min(width / SLIDE_WIDTH, height / SLIDE_HEIGHT);
}

/** Keeps a 16:9 slide as large as the viewport allows; measures before paint so nothing jumps. */
function useFitScale(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [scale, setScale] = useState(() => (typeof window === 'undefined' ? 0.5 : fitScale(window.innerWidth, window.innerHeight - 64)));
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setScale(fitScale(element.clientWidth, element.clientHeight));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, scale];
}

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

export interface SlideshowProps {
  briefing: Briefing | null;
  isStale: boolean;
  /** what to show instead of slides: loading, an error with retry */
  message: ReactNode | null;
  search: PresentationSearch;
  update: (change: Partial<PresentationSearch>, options?: { replace?: boolean }) => void;
  exitTo: string;
  /** provinces that can add their own slides */
  provinces: ReadonlyArray<{ code: string; name: string }>;
}

/**
 * The full-window slideshow: the current slide scaled into the window, keyboard control
 * (← → space, PageUp/PageDown, Home/End, numbers, Esc), optional auto-advance that pauses while
 * the controls are hovered or keyboard-focused, full screen, and printing every slide.
 */
export function Slideshow({ briefing, isStale, message, search, update, exitTo, provinces }: SlideshowProps) {
  const { locale, t, toggleLocale } = useLocale();
  const m = useMessages(presentationMessages);
  const navigate = useNavigate();
  const rootRef = useRef<HTMLDivElement | null>(null);
  const [viewportRef, scale] = useFitScale();
  const slides = briefing?.slides ?? [];
  const count = slides.length;
  const current = count > 0 ? clampSlide(search.slide, count) : 1;
  const currentSlide = slides[current - 1];

  // The slide last asked for until the URL shows it: a key pressed before that steps from it, so
  // quick presses each move one slide instead of repeating a step from the slide still on screen.
  const requested = useRef<number | null>(null);
  const goTo = useCallback(
    (slide: number) => {
      requested.current = slide;
      update({ slide }, { replace: true });
    },
    [update],
  );

  // a link to a slide past the end shows (and names) the last one
  useEffect(() => {
    if (count > 0 && search.slide !== current) goTo(current);
  }, [count, current, search.slide, goTo]);

  // keyboard control on the whole window: the slideshow has no other use for these keys. The
  // handler reads the slide shown from a ref, so a key pressed right after a change steps from
  // the slide on screen, not from the one the listener was bound with.
  const typed = useRef({ digits: '', at: 0 });
  const shown = useRef({ current, count });
  useLayoutEffect(() => {
    shown.current = { current, count };
    if (requested.current === current) requested.current = null;
  }, [current, count]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { count } = shown.current;
      const current = Math.min(requested.current ?? shown.current.current, count);
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;
      if (event.key === 'Escape') {
        if (document.fullscreenElement) return;
        event.preventDefault();
        void navigate(exitTo);
        return;
      }
      // a focused button answers space and Enter itself
      if ((event.key === ' ' || event.key === 'Enter') && event.target instanceof HTMLElement && event.target.closest('button, a')) return;
      if (count === 0) return;
      const now = Date.now();
      const digits = now - typed.current.at < DIGIT_JOIN_MS ? typed.current.digits : '';
      const next = slideForKey(event, current, count, digits);
      if (!next) return;
      event.preventDefault();
      typed.current = { digits: next.typed, at: now };
      if (next.slide !== current) goTo(next.slide);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [exitTo, goTo, navigate]);

  // auto-advance: paused by the button, or while the controls are hovered or keyboard-focused
  const [isPausedByUser, setPausedByUser] = useState(false);
  const [isHovered, setHovered] = useState(false);
  const [isKeyboardFocused, setKeyboardFocused] = useState(false);
  const isAutoRunning = search.auto !== null && !isPausedByUser && !isHovered && !isKeyboardFocused && count > 0 && current < count;
  useEffect(() => {
    if (!isAutoRunning || search.auto === null) return;
    const timer = window.setTimeout(() => goTo(current + 1), search.auto * 1000);
    return () => window.clearTimeout(timer);
  }, [isAutoRunning, search.auto, current, goTo]);

  // the tab shows the slide's title while the slideshow is open, and the app's title again after
  useEffect(() => {
    const previous = document.title;
    return () => {
      document.title = previous;
    };
  }, []);

  // screen readers hear the new slide's title
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (!currentSlide) return;
    setAnnouncement(fill(m.announce, { n: current, total: count, title: currentSlide.title }));
    document.title = `${currentSlide.title} — ${m.documentTitle}`;
  }, [currentSlide, current, count, m]);

  const [isFullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void rootRef.current?.requestFullscreen?.().catch(() => undefined);
  };
  const canFullscreen = typeof document !== 'undefined' && document.fullscreenEnabled;

  const autoChoices = search.auto !== null && !(AUTO_CHOICES as readonly number[]).includes(search.auto) ? [...AUTO_CHOICES, search.auto].sort((a, b) => a - b) : AUTO_CHOICES;

  return (
    <div ref={rootRef} className="present" style={{ '--scale': scale } as React.CSSProperties}>
      <h1 className="visually-hidden">{m.heading}</h1>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      <div ref={viewportRef} className="present-viewport">
        {message ? (
          <div className="present-message">{message}</div>
        ) : (
          briefing && (
            <div className={isStale ? 'present-slides stale' : 'present-slides'} aria-busy={isStale} aria-label={m.slideshowLabel} role="region">
              {slides.map((slide, i) => (
                <SlideFrame
                  key={slide.id}
                  slide={slide}
                  number={i + 1}
                  total={count}
                  isCurrent={i + 1 === current}
                  footer={briefing.footer}
                  locale={locale}
                  counter={m.counter}
                  roleDescription={m.slideRole}
                />
              ))}
            </div>
          )
        )}
      </div>
      <div
        className="present-toolbar"
        role="group"
        aria-label={m.toolbarLabel}
        onPointerEnter={() => setHovered(true)}
        onPointerLeave={() => setHovered(false)}
        onFocus={(e) => setKeyboardFocused(e.target instanceof HTMLElement && e.target.matches(':focus-visible'))}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setKeyboardFocused(false);
        }}
      >
        <div className="toolbar-group">
          <button type="button" onClick={() => goTo(clampSlide((requested.current ?? current) - 1, count))} disabled={current <= 1 || count === 0} aria-label={m.previous}>
            <span aria-hidden="true">←</span>
          </button>
          <span className="counter">
            <span aria-hidden="true">{count > 0 ? fill(m.counter, { n: current, total: count }) : '–'}</span>
            <span className="visually-hidden">{fill(m.counterLabel, { n: current, total: count })}</span>
          </span>
          <button type="button" onClick={() => goTo(clampSlide((requested.current ?? current) + 1, count))} disabled={current >= count} aria-label={m.next}>
            <span aria-hidden="true">→</span>
          </button>
        </div>
        <div className="toolbar-group">
          <label>
            {m.autoLabel}{' '}
            <select value={search.auto ?? ''} onChange={(e) => update({ auto: e.target.value ? Number(e.target.value) : null }, { replace: true })}>
              <option value="">{m.autoOff}</option>
              {autoChoices.map((seconds) => (
                <option key={seconds} value={seconds}>
                  {fill(m.autoEvery, { n: seconds })}
                </option>
              ))}
            </select>
          </label>
          {search.auto !== null && (
            <button type="button" onClick={() => setPausedByUser((p) => !p)} aria-pressed={isPausedByUser}>
              {isPausedByUser ? m.resumeAuto : m.pauseAuto}
            </button>
          )}
          {search.auto !== null && !isAutoRunning && current < count && <span className="paused-note">{m.autoPausedNote}</span>}
        </div>
        {provinces.length > 0 && (
          <div className="toolbar-group">
            <label>
              {m.provinceLabel}{' '}
              <select value={search.province ?? ''} onChange={(e) => update({ province: e.target.value || null })}>
                <option value="">{m.provinceNone}</option>
                {provinces.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
        <div className="toolbar-group">
          {canFullscreen && (
            <button type="button" onClick={toggleFullscreen}>
              {isFullscreen ? m.exitFullscreen : m.fullscreen}
            </button>
          )}
          <button type="button" onClick={() => window.print()} disabled={count === 0}>
            {m.print}
          </button>
          <button type="button" onClick={toggleLocale} aria-label={`${t.switchLanguage} (${t.switchLanguageLabel})`}>
            {t.switchLanguage}
          </button>
          <Link to={exitTo} className="exit" aria-label={m.exitLabel}>
            {m.exit}
          </Link>
        </div>
        <p className="keys-help">{m.keysHelp}</p>
      </div>
    </div>
  );
}
