import { useSearchParams } from 'react-router';
import { formatDate } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { parseDateText } from './date-text';
import { dateFieldMessages } from './messages';

/**
 * Says so when the link's asOf was not used (outside the scheme, or not a date): which date was
 * asked for and which one the figures are for, instead of moving the date silently.
 * `parsedAsOf`: the screen's asOf after parsing the URL (null when it was dropped);
 * `answeredAsOf`: the date the server answered for.
 */
export function AsOfOutsideNote({ parsedAsOf, answeredAsOf }: { parsedAsOf: string | null; answeredAsOf: string | undefined }) {
  const { locale } = useLocale();
  const m = useMessages(dateFieldMessages);
  const [params] = useSearchParams();
  const requested = params.get('asOf');
  if (requested === null || parsedAsOf !== null || answeredAsOf === undefined) return null;
  const realDate = parseDateText(requested) === requested ? requested : null;
  return (
    <p className="as-of-clamped as-of-outside" role="note">
      {fill(m.asOfOutside, { requested: realDate ? formatDate(realDate, locale) : requested, used: formatDate(answeredAsOf, locale) })}
    </p>
  );
}
