import { nameKey } from "../names.js";
import { ECOSYSTEMS, type Ecosystem, type SoupRecord } from "../types.js";

/**
 * Records that describe no package locked anywhere at the commit, in any scope (`orphan-record`). A record that names no package is invalid, not orphaned, so it is left out. Pure.
 */
export function findOrphanRecords(records: readonly SoupRecord[], isLocked: (ecosystem: Ecosystem, name: string) => boolean): SoupRecord[] {
  return records.filter((record) => {
    const names = [...record.packages, ...record.aliases].filter((n) => n.trim() !== "");
    if (record.packages.every((n) => n.trim() === "")) return false;
    const ecosystems = record.ecosystem ? [record.ecosystem] : ECOSYSTEMS;
    return !ecosystems.some((ecosystem) => names.some((name) => isLocked(ecosystem, nameKey(ecosystem, name))));
  });
}
