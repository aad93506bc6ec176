/**
 * The import wizard's column step: every column of the file with its first values and what it
 * was read as, changeable; applying it checks the file again with that mapping. And the sheet
 * choice of a workbook with several sheets.
 */
import { IMPORT_COLUMNS, IMPORT_IGNORE, type ImportColumnMapping, type ImportDryRunResponse } from '@mttq/core';
import { useState } from 'react';
import { useLocale } from '../../i18n/locale';
import { fill } from '../../i18n/messages';
import { initialChoices, repeatedChoices, type ColumnChoice } from './import-rows';
import { useReportingMessages } from './ui';

export function ColumnMappingStep({ result, isChecking, onApply }: { result: ImportDryRunResponse; isChecking: boolean; onApply: (mapping: ImportColumnMapping) => void }) {
  const m = useReportingMessages();
  const { locale } = useLocale();
  const { headers, mapping } = result.file;
  const [isOpen, setOpen] = useState(mapping.needed);
  const [choices, setChoices] = useState(() => initialChoices(headers));
  const repeated = repeatedChoices(choices);
  const columnName = (key: string) => {
    const column = IMPORT_COLUMNS.find((c) => c.key === key);
    return column ? (locale === 'vi' ? column.vi : column.en) : key;
  };
  const columns = headers.filter((h) => h.reading !== 'result');

  return (
    <section className="panel" aria-labelledby="mapping-title">
      <h2 id="mapping-title">{m.mappingTitle}</h2>
      {mapping.source === 'remembered' && (
        <p role="status" className="done">
          {m.mappingRemembered}
        </p>
      )}
      {!isOpen ? (
        <button type="button" onClick={() => setOpen(true)}>
          {m.mappingOpen}
        </button>
      ) : (
        <>
          <p>{mapping.needed ? m.mappingLeadNeeded : m.mappingLead}</p>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="mapping-title">
            <table className="import-columns">
              <thead>
                <tr>
                  <th scope="col">{m.mappingColHeader}</th>
                  <th scope="col">{m.mappingColSamples}</th>
                  <th scope="col">{m.mappingColMeaning}</th>
                </tr>
              </thead>
              <tbody>
                {columns.map((h) => {
                  const choice = choices[h.index] ?? IMPORT_IGNORE;
                  const isRepeated = choice !== IMPORT_IGNORE && repeated.includes(choice);
                  return (
                    <tr key={h.index} className={h.reading === 'unknown' || h.reading === 'ambiguous' || isRepeated ? 'row-error' : undefined}>
                      <th scope="row" data-label={m.mappingColHeader}>
                        {h.header}
                        {h.reading === 'unknown' && <span className="muted"> — {m.mappingUnknown}</span>}
                        {h.reading === 'ambiguous' && <span className="muted"> — {m.mappingAmbiguous}</span>}
                      </th>
                      <td data-label={m.mappingColSamples}>{h.samples.join('; ')}</td>
                      <td data-label={m.mappingColMeaning}>
                        <select
                          aria-label={fill(m.mappingSelectLabel, { header: h.header })}
                          aria-invalid={isRepeated || undefined}
                          value={choice}
                          onChange={(e) => setChoices((current) => ({ ...current, [h.index]: e.target.value as ColumnChoice }))}
                        >
                          <option value={IMPORT_IGNORE}>{m.mappingIgnore}</option>
                          {IMPORT_COLUMNS.map((c) => (
                            <option key={c.key} value={c.key}>
                              {columnName(c.key)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {repeated.length > 0 && (
            <p role="alert" className="field-error">
              {repeated.map((key) => fill(m.mappingDuplicate, { column: columnName(key) })).join(' ')}
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={repeated.length > 0 || isChecking}
              onClick={() => onApply(Object.fromEntries(columns.map((h) => [String(h.index), choices[h.index] ?? IMPORT_IGNORE])))}
            >
              {isChecking ? m.dryRunning : m.mappingApply}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** A workbook's sheets, the one read selected; choosing another checks the file again. */
export function SheetChoice({ result, isChecking, onSheet }: { result: ImportDryRunResponse; isChecking: boolean; onSheet: (sheet: string) => void }) {
  const m = useReportingMessages();
  const { sheets, sheet } = result.file;
  if (sheets.length < 2) return null;
  return (
    <section className="panel" aria-label={m.sheetLabel}>
      <p className="muted">{fill(m.sheetLead, { count: sheets.length })}</p>
      <div className="field inline">
        <label htmlFor="import-sheet">{m.sheetLabel}</label>
        <select id="import-sheet" value={sheet ?? ''} disabled={isChecking} onChange={(e) => onSheet(e.target.value)}>
          {sheets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}
