/** Placeholder until the screen lands (issue 6). */
export function PresentationPage() {
  return <p>…</p>;
}
