/**
 * exceljs takes ~120 ms to load; only XLSX downloads (exports and templates) need it, so it is
 * loaded on first use instead of at server start-up. Uploads are read without it, within limits
 * (parse-xlsx.ts).
 */
export async function loadExcelJS() {
  return (await import('exceljs')).default;
}
