/**
 * The dry run speaks the reader's language: row errors, warnings, plan lines and grouped problems
 * in Vietnamese by default, in English with Accept-Language or ?lang=en, always with the same
 * stable keys and params beside the text.
 */
import type { ImportDryRunResponse } from '@mttq/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../test/auth';
import { openDemoApp } from '../test/demo-app';
import { csvFile, uploadRequest } from './test-files';

/** Communes of Huyện Hữu Lũng (Tỉnh Lạng Sơn) without a page in the demo data; one row of each kind of problem. */
const FILE = csvFile([
  ['Tỉnh', 'Huyện', 'Tên xã', 'Đường dẫn trang', 'Tên trang', 'Ngày lập', 'Trạng thái', 'Tháng', 'Lượt theo dõi', 'Số bài', 'Tương tác'],
  ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Thị trấn Hữu Lũng', 'https://www.facebook.com/lang.huulung.a', 'MTTQ thị trấn Hữu Lũng', '15/03/2022', 'Đã báo cáo', '05/2025', '1.234', '12', '345'],
  ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Xã Hữu Liên', 'https://www.facebook.com/lang.huulien.b', 'MTTQ xã Hữu Liên', '01/04/2022', '', '05/2025', '1,2K', '', ''],
  ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Xã Yên Bình', 'https://www.facebook.com/lang.yenbinh.c', 'MTTQ xã Yên Bình', '', '', '', '', '', ''],
  ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Xã Không Có', 'https://www.facebook.com/lang.khongco.d', 'MTTQ', '2022-02-30', 'đẹp', '13/2025', '-5', '1,5', ''],
  ['Tỉnh Lạng Sơn', 'Huyện Hữu Lũng', 'Thị trấn Hữu Lũng', '', 'Không địa chỉ', '01/01/2022', '', '', '', '', ''],
]);

/** English words none of the Vietnamese texts may hold. */
const ENGLISH_WORDS = ['row', 'page', 'launched', 'followers', 'must', 'missing', 'create', 'unknown', 'metrics', 'status', 'empty', 'write', 'give', 'not', 'the', 'is', 'new', 'on'];

type DryRun = ImportDryRunResponse;

/** Every text a dry run shows about its rows. */
const textsOf = (body: DryRun) => [
  ...body.rows.flatMap((r) => [...r.changes, ...r.warnings, ...r.errors.map((e) => e.message)]),
  ...body.problems.map((p) => p.example),
];

/** The stable form of every row's texts, and of the grouped problems. */
const stableOf = (body: DryRun) => ({
  rows: body.rows.map((r) => ({ changes: r.changeMessages, warnings: r.warningMessages, errors: r.errors.map((e) => ({ column: e.column, key: e.key, params: e.params })) })),
  problems: body.problems.map((p) => ({ severity: p.severity, column: p.column, key: p.key, params: p.params, rows: p.rows })),
});
const keysOf = (body: DryRun) => {
  const { rows, problems } = stableOf(body);
  return { rows: rows.map((r) => [r.changes.map((m) => m.key), r.warnings.map((m) => m.key), r.errors.map((e) => e.key)]), problems: problems.map((p) => [p.key, p.rows]) };
};

describe('the dry run in the reader’s language', () => {
  let demo: ReturnType<typeof openDemoApp>;
  let admin: TestSession;
  const dryRun = async (query: string, headers: Record<string, string> = {}) => {
    const init = uploadRequest(FILE, admin, { scheme: 'legacy63' });
    const response = await demo.app.request(`/api/v1/imports/dry-run${query}`, { ...init, headers: { ...admin.headers, ...headers } });
    expect(response.status).toBe(200);
    return (await response.json()) as DryRun;
  };
  beforeAll(async () => {
    demo = openDemoApp();
    admin = await signInAs(demo.db, 'admin');
  });
  afterAll(() => demo.close());

  it('writes every row error, warning, plan line and problem in Vietnamese by default', async () => {
    const body = await dryRun('');
    expect(body.rows.map((r) => r.outcome)).toEqual(['create', 'create', 'error', 'error', 'error']);
    const texts = textsOf(body);
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      const words = text.toLowerCase().split(/[^\p{L}]+/u);
      expect(ENGLISH_WORDS.filter((word) => words.includes(word)), text).toEqual([]);
    }
    expect(body.rows[0]!.changes).toEqual([
      'thêm trang Facebook “MTTQ thị trấn Hữu Lũng” cho Thị trấn Hữu Lũng (06385), lập ngày 15/03/2022',
      'trạng thái: Đã báo cáo từ ngày 27/11/2026',
      'số liệu tháng 5/2025 (mới): lượt theo dõi 1.234, bài đăng 12, tương tác 345',
    ]);
    expect(body.rows[1]!.warnings).toEqual([
      'Lượt theo dõi “1,2K” là số làm tròn, được đọc thành 1.200; hãy ghi số chính xác nếu có.',
      'Chưa có Số bài và Tương tác của tháng 5/2025: ghi là 0.',
    ]);
    expect(body.rows[2]!.errors).toEqual([
      { column: 'Ngày lập', message: 'Chưa có ngày lập trang; trang mới cần ngày lập trang, ví dụ 15/03/2022.', key: 'import_launch_missing', params: {}, candidates: [] },
    ]);
    // Grouped by key and column: the two bad counts of row 5 are one kind, in two columns.
    expect(body.problems.filter((p) => p.key === 'import_count_invalid').map((p) => [p.column, p.rows, p.example])).toEqual([
      ['Lượt theo dõi', [5], '“-5” không phải số nguyên từ 0 trở lên; hãy viết ví dụ 1234 hoặc 1.234.'],
      ['Số bài', [5], '“1,5” không phải số nguyên từ 0 trở lên; hãy viết ví dụ 1234 hoặc 1.234.'],
    ]);
  });

  it('answers the same keys and params in English, asked by Accept-Language or by ?lang=en', async () => {
    const vi = await dryRun('');
    const byHeader = await dryRun('', { 'accept-language': 'en-US,en;q=0.9' });
    const byQuery = await dryRun('?lang=en', { 'accept-language': 'vi' });
    expect(stableOf(byQuery)).toEqual(stableOf(byHeader));
    expect(keysOf(byHeader)).toEqual(keysOf(vi));
    expect(byHeader.rows[0]!.changes).toEqual([
      'create Facebook page “MTTQ thị trấn Hữu Lũng” for Thị trấn Hữu Lũng (06385), launched on 2022-03-15',
      'status: reported on 2026-11-27',
      'metrics 2025-05: new, followers 1,234, posts 12, interactions 345',
    ]);
    expect(byHeader.rows[2]!.errors[0]!.message).toBe('is empty; a new page needs its launch date, e.g. 15/03/2022.');
    expect(byHeader.problems.filter((p) => p.key === 'import_count_invalid').map((p) => p.example)).toEqual([
      '“-5” must be a whole number, 0 or more (e.g. 1234 or 1,234).',
      '“1,5” must be a whole number, 0 or more (e.g. 1234 or 1,234).',
    ]);
    expect(byQuery.problems.find((p) => p.key === 'import_status_unknown')!.example).toBe(
      '“đẹp” is not a status; write Đã báo cáo, Đã xác minh, Bị từ chối, Hoạt động, Không hoạt động, Đã đóng or Mở lại.',
    );
  });
});
