/**
 * The database cannot be reached, opened, set up or written. Its message says where (without the
 * password) and why, so that a log line or the command line tells an operator what to fix.
 */
export class DatabaseError extends Error {
  override readonly name = "DatabaseError";
}
