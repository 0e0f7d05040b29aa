import { decodeText } from "../lockfiles/common/decode-text.js";
import { isRecordPath } from "../records/is-record-path.js";
import { parseRecord } from "../records/parse-record.js";
import type { SoupRecord } from "../types.js";
import { MAX_RECORD_BYTES, type Snapshot, type TreeEntry } from "./snapshot.js";
import { compareText } from "../text/compare-text.js";

/** Reads every SOUP record under the record folders of one commit; pages that are not records are skipped. */
export async function loadRecords(snapshot: Snapshot, roots: readonly string[]): Promise<SoupRecord[]> {
  const entries = (await snapshot.files()).filter((entry) => isRecordPath(entry.path, [...roots]));
  const records: SoupRecord[] = [];
  const sorted = entries.sort((a, b) => compareText(a.path, b.path));
  const contents: Array<Uint8Array | undefined> = [];
  // Records are asked for many at once, so that a snapshot that pools its reads fetches them together (one
  // request, one git process), in groups of at most READ_TOGETHER_BYTES so that a folder of huge files never
  // sits in memory whole; a file the tree already says is too big is not read at all.
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    for (let bytes = 0; end < sorted.length && (end === start || bytes + expectedSize(sorted[end]!) <= READ_TOGETHER_BYTES); end++) bytes += expectedSize(sorted[end]!);
    const group = sorted.slice(start, end).map((entry) => (tooBig(entry) ? undefined : snapshot.read(entry.path)));
    for (const bytes of await Promise.all(group)) contents.push(bytes);
    start = end;
  }
  for (const [i, entry] of sorted.entries()) {
    if (tooBig(entry)) {
      records.push(oversized(entry.path, entry.sha, entry.size!));
      continue;
    }
    const bytes = contents[i];
    if (!bytes) continue;
    if (bytes.length > MAX_RECORD_BYTES) {
      records.push(oversized(entry.path, entry.sha, bytes.length));
      continue;
    }
    const outcome = parseRecord(entry.path, decodeText(bytes));
    if (outcome.kind === "record") records.push({ ...outcome.record, blob: entry.sha });
    if (outcome.kind === "list") records.push(...outcome.records.map((record) => ({ ...record, blob: entry.sha })));
  }
  return records;
}

/** Bytes of records read together at most: thousands of ordinary records, a few dozen of the biggest allowed. */
const READ_TOGETHER_BYTES = 64 * 1024 * 1024;

function tooBig(entry: TreeEntry): boolean {
  return entry.size !== undefined && entry.size > MAX_RECORD_BYTES;
}

/** A size the tree does not give counts as the biggest a record may be. */
function expectedSize(entry: TreeEntry): number {
  return tooBig(entry) ? 0 : (entry.size ?? MAX_RECORD_BYTES);
}

function oversized(path: string, blob: string, size: number): SoupRecord {
  return {
    path, blob, form: "yaml", packages: [], aliases: [], versions: [], spans: [], versionRanges: [], lines: {},
    problems: [{ message: `the file is ${Math.round(size / 1024)} KB; a SOUP record is read only up to ${MAX_RECORD_BYTES / 1024} KB`, line: 1 }],
  };
}
