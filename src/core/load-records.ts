import { decodeText } from "../lockfiles/shared/decode-text.js";
import { isRecordPath } from "../records/is-record-path.js";
import { parseRecord } from "../records/parse-record.js";
import type { SoupRecord } from "../types.js";
import { MAX_RECORD_BYTES, type Snapshot } from "./snapshot.js";

/** Reads every SOUP record under the record folders of one commit; pages that are not records are skipped. */
export async function loadRecords(snapshot: Snapshot, roots: readonly string[]): Promise<SoupRecord[]> {
  const entries = (await snapshot.files()).filter((entry) => isRecordPath(entry.path, [...roots]));
  const records: SoupRecord[] = [];
  for (const entry of entries.sort((a, b) => a.path.localeCompare(b.path))) {
    const bytes = await snapshot.read(entry.path);
    if (!bytes) continue;
    if (bytes.length > MAX_RECORD_BYTES) {
      records.push(oversized(entry.path, entry.sha, bytes.length));
      continue;
    }
    const outcome = parseRecord(entry.path, decodeText(bytes));
    if (outcome.kind === "record") records.push({ ...outcome.record, blob: entry.sha });
  }
  return records;
}

function oversized(path: string, blob: string, size: number): SoupRecord {
  return {
    path, blob, form: "yaml", packages: [], aliases: [], versions: [], spans: [], versionRanges: [], lines: {},
    problems: [{ message: `the file is ${Math.round(size / 1024)} KB; a SOUP record is read only up to ${MAX_RECORD_BYTES / 1024} KB`, line: 1 }],
  };
}
