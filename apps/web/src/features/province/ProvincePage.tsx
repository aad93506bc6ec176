/** Placeholder until the screen lands (issue 5). */
export function ProvincePage() {
  return <p>…</p>;
}
