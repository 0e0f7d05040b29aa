/** Where an audit was taken, for the header of every audit report. */
export interface AuditContext {
  /** The repository's origin (without credentials), else its folder name. */
  repository: string;
  /** The ref as the user gave it (`HEAD`, `v2.1.0`). */
  ref: string;
  commit: string;
  /** The day the review dates were judged against, `YYYY-MM-DD`. */
  date: string;
  /** Where the policy came from: its path, or null when the repository has none and the defaults apply. */
  policy: string | null;
}
