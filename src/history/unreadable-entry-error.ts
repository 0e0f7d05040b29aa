/** A stored row whose entry is not a JSON object: someone wrote to the database by hand. */
export class UnreadableEntryError extends Error {
  override readonly name = "UnreadableEntryError";
  constructor(
    readonly seq: number,
    readonly detail: string,
  ) {
    super(`history entry ${seq} cannot be read: ${detail}`);
  }
}
