import type { PageListItem, PageSort } from '@mttq/core';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../i18n/format';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { registryMessages } from './messages';

type Messages = Record<keyof (typeof registryMessages)['vi'], string>;

/** A page's status at the list's date as short badges: closed or rejected, else posting or not and verified or not. */
export function PageStatusBadges({ status, m }: { status: PageListItem['status']; m: Messages }) {
  if (!status.isLive) {
    return <span className="badge badge-closed">{status.latest === 'rejected' ? m.badgeRejected : m.badgeClosed}</span>;
  }
  return (
    <span className="badges">
      <span className={status.isActive ? 'badge badge-active' : 'badge badge-idle'}>{status.isActive ? m.badgeActive : m.badgeInactive}</span>{' '}
      <span className={status.isVerified ? 'badge badge-verified' : 'badge badge-idle'}>{status.isVerified ? m.badgeVerified : m.badgeUnverified}</span>
    </span>
  );
}

const SORT_OF_COLUMN: Partial<Record<'name' | 'unit' | 'launched' | 'followers', Partial<Record<PageSort, 'ascending' | 'descending'>>>> = {
  unit: { unit: 'ascending' },
  name: { name: 'ascending' },
  launched: { launchedOn: 'ascending', '-launchedOn': 'descending' },
  followers: { '-followers': 'descending' },
};

/** The list of pages: each name links to the page itself (new tab) and to its details here. */
export function RegistryTable({
  items,
  asOf,
  sort,
  provinceNames,
  detailsHref,
  linkState,
}: {
  items: readonly PageListItem[];
  asOf: string;
  sort: PageSort;
  /** province code → short name */
  provinceNames: ReadonlyMap<string, string>;
  detailsHref: (id: number) => string;
  /** the history entry's state, kept when the details open so Previous still works */
  linkState: unknown;
}) {
  const { locale } = useLocale();
  const m = useMessages(registryMessages);
  const ariaSort = (column: keyof typeof SORT_OF_COLUMN) => SORT_OF_COLUMN[column]?.[sort];
  const caption = fill(m.tableCaption, { date: formatDate(asOf, locale) });
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={m.tableRegion}>
      <table className="registry-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={ariaSort('name')}>
              {m.colName}
            </th>
            <th scope="col" aria-sort={ariaSort('unit')}>
              {m.colUnit}
            </th>
            <th scope="col">{m.colProvince}</th>
            <th scope="col">{m.colPlatform}</th>
            <th scope="col">{m.colOwner}</th>
            <th scope="col">{m.colStatus}</th>
            <th scope="col" aria-sort={ariaSort('launched')}>
              {m.colLaunched}
            </th>
            <th scope="col" className="num" aria-sort={ariaSort('followers')}>
              {m.colFollowers}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const platform = m[`platform_${item.platform}`];
            return (
              <tr key={item.id}>
                <th scope="row" className="page-name">
                  <a href={item.url} target="_blank" rel="noopener noreferrer">
                    {item.name}
                    <span className="visually-hidden"> {fill(m.openPage, { platform })}</span>
                  </a>
                  <br />
                  <Link to={detailsHref(item.id)} state={linkState} className="details-link" aria-label={fill(m.detailsOf, { name: item.name })}>
                    {m.details}
                  </Link>
                </th>
                <td>{item.unit.name}</td>
                <td>{provinceNames.get(item.province.code) ?? item.province.name}</td>
                <td className="nowrap">{platform}</td>
                <td>{m[`owner_${item.owner}`]}</td>
                <td>
                  <PageStatusBadges status={item.status} m={m} />
                </td>
                <td className="nowrap">{formatDate(item.launchedOn, locale)}</td>
                <td className="num">{item.followers === null ? '–' : formatNumber(item.followers, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
