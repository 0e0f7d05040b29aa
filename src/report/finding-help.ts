import type { FindingCode } from "../types.js";

/** How soup-gate names one finding code to its readers. */
export interface FindingHelp {
  /** Annotation title and the comment's status column: "No SOUP record". */
  title: string;
  /** Counted in a check run's title: "2 missing records". */
  count: [one: string, many: string];
  /** The status of a SOUP item in `audit`: "missing record". */
  status: string;
  /** Why the finding is raised, and what resolves it: the README's findings table is this, word for word. */
  cause: string;
  resolution: string;
}

/** Every finding code's words, in one place; a test holds the README's findings table to it. */
export const FINDING_HELP: Record<FindingCode, FindingHelp> = {
  "missing-record": {
    title: "No SOUP record",
    count: ["missing record", "missing records"],
    status: "missing record",
    cause: "An added or changed dependency in scope has no record.",
    resolution: "Add a record under the records folder. The pull-request comment carries a draft with what the lockfile knows; a reviewer fills in the review fields.",
  },
  "version-not-recorded": {
    title: "Version not in the record",
    count: ["version not recorded", "versions not recorded"],
    status: "version not recorded",
    cause: "The new version is not among the record's deployed versions (nor in its range, when it lists none).",
    resolution: "Add the version to the record and re-review it for that version.",
  },
  "newer-than-reviewed": {
    title: "Newer than the reviewed release",
    count: ["version newer than reviewed", "versions newer than reviewed"],
    status: "newer than reviewed",
    cause: "The new version is newer than `latest_reviewed`, the newest release the review had seen.",
    resolution: "Re-review requirements and the anomaly list against the new release; update `latest_reviewed`.",
  },
  "review-overdue": {
    title: "Review overdue",
    count: ["overdue review", "overdue reviews"],
    status: "review overdue",
    cause: "`last_review_date` is older than the review interval.",
    resolution: "Review the record and update `last_review_date`.",
  },
  "review-due-soon": {
    title: "Review due soon",
    count: ["review due soon", "reviews due soon"],
    status: "review due soon",
    cause: "The review lapses within `warn_days`.",
    resolution: "Plan the review.",
  },
  "record-invalid": {
    title: "Invalid record",
    count: ["invalid record", "invalid records"],
    status: "invalid record",
    cause: "A record is unreadable, lacks a package name, `last_review_date` or any version, has an impossible or future date, or a version invalid for its ecosystem. Drafts are invalid until reviewed.",
    resolution: "Fix the record at the annotated line.",
  },
  "duplicate-record": {
    title: "Duplicate records",
    count: ["duplicate record", "duplicate records"],
    status: "duplicate records",
    cause: "Two records claim the same package.",
    resolution: "Merge them into one.",
  },
  "orphan-record": {
    title: "Orphaned record",
    count: ["orphaned record", "orphaned records"],
    status: "orphaned record",
    cause: "A dependency was removed and nothing locks it any more, but its record remains (`audit`: a record that matches no locked package).",
    resolution: "Retire the record.",
  },
  unpinned: {
    title: "Not pinned",
    count: ["unpinned requirement", "unpinned requirements"],
    status: "not pinned",
    cause: "A requirement has no locked version (`>=`, `~=`, no version).",
    resolution: "Pin it (`==x.y.z`) so the record can name the exact version. It still needs a record.",
  },
  "lockfile-unparsable": {
    title: "Unreadable lockfile",
    count: ["unreadable lockfile", "unreadable lockfiles"],
    status: "unreadable lockfile",
    cause: "A changed lockfile cannot be parsed: conflict markers, truncated or wrong format.",
    resolution: "Fix or regenerate the lockfile at the annotated line.",
  },
  "config-invalid": {
    title: "Invalid policy",
    count: ["invalid policy file", "invalid policy files"],
    status: "invalid policy",
    cause: "`.github/soup.yml` is invalid.",
    resolution: "Fix the keys listed in the message.",
  },
  "anomaly-not-assessed": {
    title: "Anomaly not assessed",
    count: ["anomaly not assessed", "anomalies not assessed"],
    status: "anomaly not assessed",
    cause: "A published advisory affects the new version, and the record's known-anomalies list names none of its ids (CVE, GHSA, PYSEC or OSV).",
    resolution: "Assess it in the record: add the id to its known anomalies (the Known Anomalies Assessment table, or `soup.anomalies`) with whether it applies, the rationale and the date.",
  },
  "anomaly-check-unavailable": {
    title: "Anomalies not checked",
    count: ["anomaly check unavailable", "anomaly checks unavailable"],
    status: "anomalies not checked",
    cause: "The advisory source (OSV, its mirror at `OSV_API_URL`, or the `--advisories` folder) could not be asked or gave an unusable answer; the message says what failed.",
    resolution: "Re-run the check when the source answers again. `anomalies.unavailable` sets how much this counts.",
  },
};
