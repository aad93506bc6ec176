import { useState } from 'react';
import { MESSAGES, type Locale } from './messages';

export function App() {
  const [locale, setLocale] = useState<Locale>('vi');
  const t = MESSAGES[locale];
  return (
    <main lang={locale} style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '3rem auto', padding: '0 1rem' }}>
      <button type="button" onClick={() => setLocale(locale === 'vi' ? 'en' : 'vi')} style={{ float: 'right' }}>
        {t.switchLanguage}
      </button>
      <h1>{t.title}</h1>
      <p>{t.lead}</p>
      <p>{t.comingSoon}</p>
      <p>
        <a href="/api/health">{t.health}</a>
      </p>
    </main>
  );
}
