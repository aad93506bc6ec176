/** The import's requests: the dry run with a column mapping and a sheet, and the plan file's address. */
import type { ImportColumnMapping, ImportDryRunResponse, SchemeId } from '@mttq/core';
import { apiUpload } from '../../api/client';
import type { Locale } from '../../i18n/messages';

export interface DryRunInput {
  file: File;
  scheme: SchemeId;
  /** What the columns are, by column index; absent: by meaning, or the mapping remembered for these headers. */
  mapping?: ImportColumnMapping;
  /** XLSX: the sheet to read; absent: the first with a recognisable header. */
  sheet?: string;
}

/** POST /imports/dry-run: every row's outcome and a plan to commit. */
export function checkImportFile({ file, scheme, mapping, sheet }: DryRunInput): Promise<ImportDryRunResponse> {
  const form = new FormData();
  form.append('file', file);
  form.append('scheme', scheme);
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  if (sheet !== undefined) form.append('sheet', sheet);
  return apiUpload<ImportDryRunResponse>('/imports/dry-run', form);
}

/** The plan as the uploaded file with a result column, in the reader's language (a plain link: the browser saves it). */
export const planFileUrl = (planId: string, locale: Locale) => `/api/v1/imports/${planId}/file?lang=${locale}`;
