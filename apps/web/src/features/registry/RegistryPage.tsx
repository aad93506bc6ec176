/** Placeholder until the screen lands (issue 5). */
export function RegistryPage() {
  return <p>…</p>;
}
