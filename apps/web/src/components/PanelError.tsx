import { ApiError } from '../api/client';
import { useLocale } from '../i18n/locale';
import { Forbidden } from './Forbidden';

/** A panel that could not load: what happened, the server's reason, and a retry button. A 403 explains the scope instead. */
export function PanelError({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useLocale();
  if (error instanceof ApiError && error.status === 403) return <Forbidden reason={error.message} />;
  return (
    <div role="alert" className="panel error">
      <p>{t.errorTitle}</p>
      {error instanceof ApiError && <p>{error.message}</p>}
      <button type="button" onClick={retry}>
        {t.retry}
      </button>
    </div>
  );
}
