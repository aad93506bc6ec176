/** The shape of an ApiError the forms read. */
export interface ServerErrorLike {
  status?: number;
  message: string;
  details: ReadonlyArray<{ path?: string; message: string }>;
}

/**
 * The server's answer split by where it is shown: details naming a field of the form go next to
 * it, everything else (409 conflicts, 403 scope, unknown paths) above the form.
 * splitServerErrors({ status: 400, message: 'url: …', details: [{ path: 'url', message: 'must be…' }] }, ['url'])
 *   → { fields: { url: 'must be…' }, general: [] }
 */
export function splitServerErrors<F extends string>(error: ServerErrorLike, fields: readonly F[]): { fields: Partial<Record<F, string>>; general: string[] } {
  const byField: Partial<Record<F, string>> = {};
  const general: string[] = [];
  for (const detail of error.details) {
    const field = fields.find((f) => f === detail.path);
    if (field && !(field in byField)) byField[field] = detail.message;
    else general.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  if (Object.keys(byField).length === 0 && general.length === 0) general.push(error.message);
  return { fields: byField, general };
}
