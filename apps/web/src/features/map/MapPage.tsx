/** Placeholder until the screen lands (issue 5). */
export function MapPage() {
  return <p>…</p>;
}
