/** `2025-03-04 14:07 UTC`: one zone for everyone reading the same audit binder. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
