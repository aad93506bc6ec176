/**
 * The import's requests: the dry run with a column mapping and a sheet, the commit, and the plan
 * file's address. Each names the screen's language (?lang), so the server's row texts, plan lines
 * and errors come in the language the user reads, whatever the browser's own setting.
 */
import type { ImportColumnMapping, ImportCommitResponse, ImportDryRunResponse, ImportPlanRowsResponse, ImportRowFilter, SchemeId } from '@mttq/core';
import { apiFetch, apiUpload } from '../../api/client';
import type { Locale } from '../../i18n/messages';

export interface DryRunInput {
  file: File;
  scheme: SchemeId;
  /** The language of the answer's texts. */
  locale: Locale;
  /** What the columns are, by column index; absent: by meaning, or the mapping remembered for these headers. */
  mapping?: ImportColumnMapping;
  /** XLSX: the sheet to read; absent: the first with a recognisable header. */
  sheet?: string;
  /** YYYY-MM: the month of the figures of rows without a month; absent: the last full month. */
  month?: string;
}

/** POST /imports/dry-run: every row's outcome and a plan to commit. */
export function checkImportFile({ file, scheme, locale, mapping, sheet, month }: DryRunInput): Promise<ImportDryRunResponse> {
  const form = new FormData();
  form.append('file', file);
  form.append('scheme', scheme);
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  if (sheet !== undefined) form.append('sheet', sheet);
  if (month) form.append('month', month);
  return apiUpload<ImportDryRunResponse>(`/imports/dry-run?lang=${locale}`, form);
}

/** POST /imports/{planId}/commit, its refusals in `locale`. */
export const commitPlan = ({ planId, locale }: { planId: string; locale: Locale }) =>
  apiFetch<ImportCommitResponse>(`/imports/${planId}/commit?lang=${locale}`, { method: 'POST' });

/** The plan as the uploaded file with a result column, in the reader's language (a plain link: the browser saves it). */
export const planFileUrl = (planId: string, locale: Locale) => `/api/v1/imports/${planId}/file?lang=${locale}`;

/** GET /imports/{planId}/rows: a page of the plan's rows under a filter, their texts in `locale`. */
export const planRows = ({ planId, filter, offset, limit, locale }: { planId: string; filter: ImportRowFilter; offset: number; limit: number; locale: Locale }, signal?: AbortSignal) =>
  apiFetch<ImportPlanRowsResponse>(`/imports/${planId}/rows`, { query: { filter, offset, limit, lang: locale }, signal });
