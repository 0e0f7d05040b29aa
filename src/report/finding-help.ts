import type { FindingCode } from "../types.js";

/** One line per finding code: what it means and what to do (the README documents each at length). */
export const FINDING_HELP: Record<FindingCode, { title: string; resolution: string }> = {
  "missing-record": { title: "No SOUP record", resolution: "Add a record for the package (the comment carries a draft to start from)." },
  "version-not-recorded": { title: "Version not in the record", resolution: "Add the new version to the record's deployed versions and re-review it." },
  "newer-than-reviewed": { title: "Newer than the reviewed release", resolution: "Re-review the record against the new release and update latest_reviewed." },
  "review-overdue": { title: "Review overdue", resolution: "Review the record and update last_review_date." },
  "review-due-soon": { title: "Review due soon", resolution: "Plan the record's review before it lapses." },
  "record-invalid": { title: "Invalid record", resolution: "Fix the record at the annotated line." },
  "duplicate-record": { title: "Duplicate records", resolution: "Merge the records that claim the same package into one." },
  "orphan-record": { title: "Orphaned record", resolution: "The package is gone: retire its record." },
  unpinned: { title: "Not pinned", resolution: "Pin the requirement to one version (==x.y.z)." },
  "lockfile-unparsable": { title: "Unreadable lockfile", resolution: "Fix or regenerate the lockfile at the annotated line." },
  "config-invalid": { title: "Invalid policy", resolution: "Fix .github/soup.yml; the defaults apply meanwhile." },
};
