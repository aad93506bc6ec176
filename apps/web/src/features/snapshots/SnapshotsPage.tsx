/** Placeholder until the screen lands (issue 6). */
export function SnapshotsPage() {
  return <p>…</p>;
}
