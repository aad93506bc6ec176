/** The catalogue's part for the import routes, column mapping, sheets and the plan file (imports/routes.ts and the files it owns). */
import { defineCatalogue } from './catalogue';

export const importRouteMessages = defineCatalogue({
  // The dry run's form
  import_route_too_large: {
    vi: 'Tệp lớn hơn {megabytes} MB ({bytes} byte). Hãy tách tệp, ví dụ theo tỉnh, thành, rồi nhập lần lượt từng phần.',
    en: 'The file is larger than {megabytes} MB ({bytes} bytes). Split it, for example by province, and import the parts one after another.',
  },
  import_route_file_missing: {
    vi: 'Chưa có tệp: hãy đính kèm tệp CSV hoặc XLSX vào trường “file” của biểu mẫu (multipart/form-data).',
    en: 'attach the CSV or XLSX file as the form field "file" (multipart/form-data).',
  },
  import_route_future_month: {
    vi: 'Tháng {month} chưa đến; hãy chọn một tháng đến {latest}.',
    en: '{month} is in the future; choose a month up to {latest}.',
  },

  // The commit
  import_route_role_changed: {
    vi: 'Vai trò hoặc phạm vi của bạn đã thay đổi từ lần kiểm tra trước; hãy kiểm tra lại tệp.',
    en: 'Your role or scope changed since the dry run; run the dry run again.',
  },
  import_route_plan_has_errors: {
    vi: 'Kế hoạch nhập còn {count} dòng có lỗi (dòng {rows}); chưa có gì được nhập. Hãy sửa các dòng đó trong tệp rồi kiểm tra lại.',
    en: 'The plan has {count} row(s) with errors (rows {rows}); nothing was imported. Fix them in the file and run the dry run again.',
  },
  import_route_row_has_errors: {
    vi: 'Dòng {row} có lỗi; xem kết quả kiểm tra.',
    en: 'Row {row} has errors; see the dry run.',
  },

  // The column mapping
  mapping_not_json: {
    vi: 'Cách ghép cột phải là JSON dạng {"số thứ tự cột hoặc tiêu đề": "khóa cột"}, ví dụ {"3": "followers", "Ghi chú 2": "ignore"}.',
    en: 'must be JSON of the form {"column index or header": "column key"}, e.g. {"3": "followers", "Ghi chú 2": "ignore"}.',
  },
  mapping_bad_target: {
    vi: 'Cột “{column}”: “{target}” không phải khóa cột; hãy dùng một trong: {accepted}.',
    en: 'column "{column}": "{target}" is no column key; use one of: {accepted}.',
  },
  mapping_unknown_column: {
    vi: 'Tệp không có cột “{column}”; các cột của tệp là (số thứ tự từ 0): {headers}.',
    en: 'the file has no column "{column}"; its columns are (index from 0): {headers}.',
  },
  mapping_ambiguous_commit: {
    vi: 'Các cột {headers} cùng một nội dung nên chưa ghi được; hãy chọn nội dung cho từng cột (cách ghép cột) rồi kiểm tra lại.',
    en: 'The columns {headers} hold the same thing, so nothing can be committed yet; say what each holds (the column mapping) and run the dry run again.',
  },
  mapping_missing_commit: {
    vi: 'Tệp thiếu {column} nên chưa ghi được; hãy chọn cột chứa nội dung đó (cách ghép cột) rồi kiểm tra lại.',
    en: 'The file lacks {column}, so nothing can be committed yet; say which column holds it (the column mapping) and run the dry run again.',
  },
  mapping_duplicate: {
    vi: 'Các cột {headers} cùng được ghép vào “{column}”; mỗi loại thông tin chỉ ghép cho một cột.',
    en: 'the columns {headers} are all mapped to "{column}"; map each kind of information to one column only.',
  },

  // Sheets
  sheet_unknown: {
    vi: 'Tệp không có trang tính “{sheet}”; các trang tính của tệp: {sheets}.',
    en: 'the workbook has no sheet "{sheet}"; its sheets are: {sheets}.',
  },

  // The plan file
  import_route_plan_file_gone: {
    vi: 'Kế hoạch nhập {planId} không còn chờ ghi nên không tải được tệp kèm kết quả; hãy kiểm tra lại tệp.',
    en: 'Import plan {planId} is no longer pending, so its file with results cannot be downloaded; run the dry run again.',
  },
  import_route_result_header: { vi: 'Kết quả kiểm tra', en: 'Check result' },
  import_route_result_error: { vi: 'Lỗi: {errors}', en: 'Error: {errors}' },
  import_route_result_error_item: { vi: '{column}: {message}', en: '{column}: {message}' },
  import_route_result_create: { vi: 'Sẽ thêm', en: 'Will be added' },
  import_route_result_update: { vi: 'Sẽ cập nhật: {changes}', en: 'Will be updated: {changes}' },
  import_route_result_metrics: { vi: 'Chỉ cập nhật số liệu', en: 'Figures only' },
  import_route_result_unchanged: { vi: 'Không đổi', en: 'Unchanged' },
  import_route_result_skipped_totals: { vi: 'Bỏ qua: dòng tổng “{text}”', en: 'Skipped: totals row “{text}”' },
  import_route_result_skipped_signature: { vi: 'Bỏ qua: dòng ký tên, ngày tháng “{text}”', en: 'Skipped: signature or date line “{text}”' },
  import_route_result_skipped_header: { vi: 'Bỏ qua: tiêu đề cột lặp lại', en: 'Skipped: the header repeated' },
  // Reading the file as a whole
  sheet_empty: {
    vi: 'Tệp trống. Hãy tải mẫu nhập liệu (GET /api/v1/imports/template), điền vào rồi tải lên.',
    en: 'The file is empty. Download the template (GET /api/v1/imports/template), fill it in and upload it.',
  },
  sheet_legacy_xls: {
    vi: 'Đây là tệp Excel .xls cũ. Hãy mở bằng Excel, lưu thành .xlsx (Excel Workbook) hoặc CSV (UTF-8) rồi tải tệp đó lên.',
    en: 'This is an old Excel .xls file. Open it in Excel and save it as .xlsx (Excel Workbook) or CSV (UTF-8), then upload that.',
  },
  sheet_no_rows: {
    vi: 'Tệp có dòng tiêu đề (dòng {row}) nhưng không có dòng dữ liệu nào bên dưới.',
    en: 'The file has a header (row {row}) but no data rows below it.',
  },
  sheet_too_many_rows: {
    vi: 'Tệp có {rows} dòng dữ liệu; mỗi lần chỉ nhập được tối đa {max} dòng. Hãy tách tệp (ví dụ theo tỉnh, thành) rồi nhập lần lượt từng phần.',
    en: 'The file has {rows} data rows; at most {max} can be imported at once. Split it (for example by province) and import the parts one after another.',
  },
  sheet_csv_quote: {
    vi: 'Không đọc được tệp CSV: dấu ngoặc kép mở ô {cell} không được đóng. Hãy đóng nó (dấu ngoặc kép trong ô có ngoặc kép viết hai lần: "") hoặc lưu lại tệp dưới dạng CSV (UTF-8) hay XLSX.',
    en: 'The file is not readable CSV: the quote that opens the cell {cell} is never closed. Close it (a quote inside a quoted cell is written twice: "") or save the file again as CSV (UTF-8) or XLSX.',
  },
  sheet_csv_quote_detail: { vi: 'mở dấu ngoặc kép mà không đóng', en: 'opens a quote that is never closed' },
  sheet_xlsx_unreadable: {
    vi: 'Tệp có vẻ là bảng tính Excel nhưng không đọc được{why}. Hãy mở bằng Excel và lưu lại thành .xlsx, hoặc CSV (UTF-8).',
    en: 'The file looks like an Excel workbook but cannot be read{why}. Open it in Excel and save it again as .xlsx, or as CSV (UTF-8).',
  },
  sheet_xlsx_why_zip64: { vi: ' (đây là tệp nén ZIP64)', en: ' (it is a ZIP64 archive)' },
  sheet_xlsx_why_encrypted: { vi: ' (tệp được mã hóa)', en: ' (it is encrypted)' },
  sheet_xlsx_why_method: { vi: ' (một phần được nén theo cách {method})', en: ' (an entry is compressed with method {method})' },
  sheet_xlsx_why_no_workbook: { vi: ' (thiếu phần workbook)', en: ' (it has no workbook part)' },

  // Required columns
  mapping_missing_columns: {
    vi: 'Thiếu cột bắt buộc: cần {missing}. Dòng tiêu đề {headerRows} có {found}{unknown}. Hãy đặt tên cột như trong mẫu nhập liệu; các tên được nhận: {accepted}.',
    en: 'Missing required columns: {missing}. The header row {headerRows} has {found}{unknown}; accepted headers are {accepted} (or their English names).',
  },
  mapping_need_url: { vi: 'cột đường dẫn trang (ví dụ “Link fanpage”)', en: 'Đường dẫn trang (url), which identifies each page' },
  mapping_need_unit: {
    vi: 'cột đơn vị (ví dụ “Tên xã”, “Phường/Xã/Thị trấn” hoặc “Mã xã”)',
    en: 'a unit column: Mã tỉnh (province_code), Tỉnh (province), Mã huyện (district_code), Huyện (district), Mã xã (commune_code) or Tên xã (commune)',
  },
  mapping_and: { vi: '{first} và {rest}', en: '{first} and {rest}' },
  mapping_found_none: { vi: 'không cột nào nhận ra được', en: 'no known column' },
  mapping_unknown_list: { vi: '; không nhận ra: {list}', en: '; not recognised: {list}' },
  mapping_missing_detail: { vi: 'thiếu {column}', en: 'missing: {column}' },
});
