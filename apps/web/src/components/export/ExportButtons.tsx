import { useCallback, useId, useState } from 'react';
import { useLocale, useMessages } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { buildChartSvg, renderPng, waitForDrawing } from './chart-image';
import { downloadBlob } from './download';
import { sourceLine, type ExportInfo } from './export-info';
import { exportFileName, type ExportFormat } from './file-names';
import { exportMessages } from './messages';
import { MIME_TYPES, toCsvText, toXlsxBuffer, type ExportCell } from './table-files';
import './export.css';

type Status = { kind: 'idle' } | { kind: 'working'; format: ExportFormat } | { kind: 'done'; file: string } | { kind: 'failed'; format: ExportFormat; reason: string };

/** Builds a file on click, downloads it, and keeps a status line (working, done, failed) for screen readers. */
function useExport(title: string, info: ExportInfo) {
  const { locale } = useLocale();
  const m = useMessages(exportMessages);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const run = useCallback(
    async (format: ExportFormat, make: (source: string) => Blob | Promise<Blob>) => {
      setStatus({ kind: 'working', format });
      try {
        const blob = await make(sourceLine(info, locale));
        const file = exportFileName(info.fileName ?? info.title ?? title, info.asOf, format);
        downloadBlob(blob, file);
        setStatus({ kind: 'done', file });
      } catch (error) {
        const reason = error instanceof Error && error.message === 'no chart drawn' ? m.noChart : error instanceof Error ? error.message : m.unknownReason;
        setStatus({ kind: 'failed', format, reason });
      }
    },
    [info, locale, m, title],
  );
  const text =
    status.kind === 'working'
      ? fill(m.working, { format: status.format.toUpperCase() })
      : status.kind === 'done'
        ? fill(m.done, { file: status.file })
        : status.kind === 'failed'
          ? fill(m.failed, { format: status.format.toUpperCase(), reason: status.reason })
          : '';
  return { run, status, text };
}

interface TableSource {
  columns: readonly string[];
  rows: ReadonlyArray<readonly ExportCell[]>;
}

function ExportGroup({
  label,
  buttons,
  status,
  statusText,
}: {
  label: string;
  buttons: Array<{ format: ExportFormat; label: string; onClick: () => void }>;
  status: Status;
  statusText: string;
}) {
  const m = useMessages(exportMessages);
  const id = useId();
  return (
    <div className="export-toolbar" role="group" aria-label={label}>
      <span aria-hidden="true">{m.download}</span>
      {buttons.map((button, i) => (
        <span key={button.format} className="export-item">
          {i > 0 && <span aria-hidden="true"> · </span>}
          <button type="button" className="export-button" aria-label={button.label} aria-describedby={`${id}-status`} disabled={status.kind === 'working'} onClick={button.onClick}>
            {button.format.toUpperCase()}
          </button>
        </span>
      ))}
      <span id={`${id}-status`} role="status" className={status.kind === 'failed' ? 'export-status failed' : 'export-status'}>
        {statusText}
      </span>
    </div>
  );
}

/** CSV and XLSX buttons for a table; `rows` hold raw values (numbers as numbers), not formatted text. */
export function TableExportButtons({ title, columns, rows, info }: { title: string; info: ExportInfo } & TableSource) {
  const m = useMessages(exportMessages);
  const { run, status, text } = useExport(title, info);
  const fileTitle = info.title ?? title;
  const csv = () => void run('csv', (source) => new Blob([toCsvText({ title: fileTitle, source, columns, rows })], { type: MIME_TYPES.csv }));
  const xlsx = () => void run('xlsx', async (source) => new Blob([await toXlsxBuffer({ title: fileTitle, source, columns, rows })], { type: MIME_TYPES.xlsx }));
  return (
    <ExportGroup
      label={fill(m.tableGroup, { title })}
      status={status}
      statusText={text}
      buttons={[
        { format: 'csv', label: fill(m.tableAs, { title, format: 'CSV' }), onClick: csv },
        { format: 'xlsx', label: fill(m.tableAs, { title, format: 'XLSX' }), onClick: xlsx },
      ]}
    />
  );
}

/**
 * PNG (2× pixel density), SVG, CSV and XLSX buttons for a chart (or, with `kind: 'map'`, a map):
 * the drawing is read from `chartArea()` when clicked, the table from `table()`. Without `table`,
 * only the drawing's PNG and SVG are offered (its table has its own buttons). `credit` is written
 * under the drawing's source line, e.g. the licence of the boundaries a map is drawn from.
 */
export function ChartExportToolbar({
  title,
  info,
  chartArea,
  table,
  kind = 'chart',
  credit,
}: {
  title: string;
  info: ExportInfo;
  chartArea: () => Element | null;
  table?: () => TableSource;
  kind?: 'chart' | 'map';
  credit?: string | undefined;
}) {
  const m = useMessages(exportMessages);
  const { run, status, text } = useExport(title, info);
  const fileTitle = info.title ?? title;
  const image = async (source: string) => {
    const area = chartArea();
    if (!area) throw new Error('no chart drawn');
    await waitForDrawing(area);
    return buildChartSvg(area, fileTitle, source, credit);
  };
  const label = (format: string) => fill(kind === 'map' ? m.mapAs : m.chartAs, { title, format });
  const buttons: Array<{ format: ExportFormat; label: string; onClick: () => void }> = [
    { format: 'png', label: label('PNG'), onClick: () => void run('png', async (source) => renderPng(await image(source), 2)) },
    { format: 'svg', label: label('SVG'), onClick: () => void run('svg', async (source) => new Blob([(await image(source)).svg], { type: MIME_TYPES.svg })) },
  ];
  if (table) {
    buttons.push(
      { format: 'csv', label: label('CSV'), onClick: () => void run('csv', (source) => new Blob([toCsvText({ title: fileTitle, source, ...table() })], { type: MIME_TYPES.csv })) },
      {
        format: 'xlsx',
        label: label('XLSX'),
        onClick: () => void run('xlsx', async (source) => new Blob([await toXlsxBuffer({ title: fileTitle, source, ...table() })], { type: MIME_TYPES.xlsx })),
      },
    );
  }
  return <ExportGroup label={fill(kind === 'map' ? m.mapGroup : m.chartGroup, { title })} status={status} statusText={text} buttons={buttons} />;
}
