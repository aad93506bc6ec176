/** Placeholder until the screen lands (issue 5). */
export function ReportingRoutes() {
  return <p>…</p>;
}
