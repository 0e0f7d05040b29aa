/** A mistake in how the command was called: exit status 2 and a message, never a stack trace. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
