import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { setApiLanguage } from '../api/client';
import { MESSAGES, type Catalogue, type Locale, type Messages } from './messages';

const STORAGE_KEY = 'mttq.locale';

interface LocaleContextValue {
  locale: Locale;
  t: Messages;
  toggleLocale: () => void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/**
 * Vietnamese first; the English switch is remembered in this browser. The server is asked for its
 * messages in the same language, and on a switch every query is fetched again, so the messages
 * already shown (errors, warnings) follow.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(storedLocale);
  // Before the children render: their queries start in their own effects, before this one's.
  setApiLanguage(locale);
  const queryClient = useQueryClient();
  const shownLocale = useRef(locale);
  useEffect(() => {
    if (shownLocale.current === locale) return;
    shownLocale.current = locale;
    void queryClient.invalidateQueries();
  }, [locale, queryClient]);
  useEffect(() => {
    document.documentElement.lang = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, [locale]);
  const toggleLocale = useCallback(() => setLocale((l) => (l === 'vi' ? 'en' : 'vi')), []);
  const value = useMemo(() => ({ locale, t: MESSAGES[locale], toggleLocale }), [locale, toggleLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale must be used inside <LocaleProvider>');
  return value;
}

/**
 * A feature's own catalogue (declared with `defineMessages` beside the feature, loaded with its
 * route) in the current language: const m = useMessages(mapMessages); m.legendTitle
 */
export function useMessages<K extends string>(catalogue: Catalogue<K>): Record<K, string> {
  return catalogue[useLocale().locale];
}
