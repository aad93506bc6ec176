/** Placeholder until the screen lands (issue 6). */
export function TimelapsePage() {
  return <p>…</p>;
}
