import { useLocale } from '../i18n/locale';

/** Every screen that shows figures from a demo database says so (DESIGN.md: demo data is labelled everywhere). */
export function DemoBanner({ demo }: { demo: boolean | undefined }) {
  const { t } = useLocale();
  if (!demo) return null;
  return (
    <p className="demo-banner" role="note">
      {t.demoBanner}
    </p>
  );
}
