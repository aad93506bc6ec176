export type SortDirection = 'ascending' | 'descending';

/**
 * A column header that sorts its column: a button inside the th; aria-sort on the sorted column
 * tells screen readers the order. Used by every sortable table.
 */
export function SortHeader<K extends string>({
  column,
  label,
  sort,
  onSort,
  className,
}: {
  column: K;
  label: string;
  sort: { key: K; direction: SortDirection } | null;
  onSort: (key: K) => void;
  className?: string;
}) {
  const direction = sort?.key === column ? sort.direction : undefined;
  return (
    <th scope="col" aria-sort={direction} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}
