/**
 * exceljs takes ~120 ms to load; only XLSX uploads and downloads need it, so it is loaded on
 * first use instead of at server start-up.
 */
export async function loadExcelJS() {
  return (await import('exceljs')).default;
}
