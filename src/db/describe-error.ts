/**
 * A driver error in one line. Node reports a refused connection to `localhost` (IPv4 and IPv6) as an
 * AggregateError with no message of its own. Errors are recognised by shape, not by `instanceof`: they
 * may come from another realm (a test sandbox).
 */
export function describeError(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const { message, code, errors } = error as { message?: unknown; code?: unknown; errors?: unknown };
  if (typeof message === "string" && message !== "") return message;
  if (Array.isArray(errors) && errors.length > 0) return [...new Set(errors.map(describeError))].join("; ");
  return typeof code === "string" ? code : String(error);
}
