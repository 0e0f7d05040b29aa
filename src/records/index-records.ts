import { ECOSYSTEMS, type Ecosystem, type SoupRecord } from "../types.js";
import { nameKey } from "../names.js";
import { compareText } from "../text/compare-text.js";

export interface DuplicateRecords {
  /** Absent when the records collide in every ecosystem (none of them names one). */
  ecosystem?: Ecosystem;
  /** The package as the first record spells it. */
  name: string;
  records: SoupRecord[];
}

export interface RecordIndex {
  /** Records covering this package (by package name or alias) in this ecosystem. */
  find(ecosystem: Ecosystem, name: string): SoupRecord[];
  /** Packages claimed by more than one record in overlapping ecosystems (`duplicate-record`). */
  duplicates(): DuplicateRecords[];
}

interface Entry {
  name: string;
  records: SoupRecord[];
}

/**
 * Indexes records by normalised name per ecosystem: npm names exactly, PyPI names per
 * PEP 503. A record without an ecosystem is filed under every ecosystem. Invalid records are indexed too,
 * so a dependency finds its broken record rather than none.
 */
export function indexRecords(records: SoupRecord[]): RecordIndex {
  const byEcosystem = new Map<Ecosystem, Map<string, Entry>>(ECOSYSTEMS.map((e) => [e, new Map()]));
  for (const record of records) {
    for (const ecosystem of record.ecosystem ? [record.ecosystem] : ECOSYSTEMS) {
      const entries = byEcosystem.get(ecosystem)!;
      for (const name of [...record.packages, ...record.aliases]) {
        const key = nameKey(ecosystem, name);
        if (key === "") continue;
        const entry = entries.get(key) ?? { name, records: [] };
        entries.set(key, entry);
        // A record that lists one package twice (`PyYAML` and alias `pyyaml`) still claims it once.
        if (entry.records[entry.records.length - 1] !== record) entry.records.push(record);
      }
    }
  }

  return {
    find: (ecosystem, name) => [...(byEcosystem.get(ecosystem)?.get(nameKey(ecosystem, name))?.records ?? [])],
    duplicates() {
      const order = new Map(records.map((record, i) => [record, i]));
      // The same records colliding on the same name in every ecosystem are one duplicate, not one per ecosystem.
      const groups = new Map<string, DuplicateRecords & { ecosystems: Ecosystem[] }>();
      for (const [ecosystem, entries] of byEcosystem) {
        for (const [key, entry] of entries) {
          if (entry.records.length < 2) continue;
          const id = `${key}\0${entry.records.map((r) => order.get(r)).join(",")}`;
          const group = groups.get(id) ?? { name: entry.name, records: [...entry.records], ecosystems: [] };
          group.ecosystems.push(ecosystem);
          groups.set(id, group);
        }
      }
      return [...groups.values()]
        .map(({ ecosystems, ...group }): DuplicateRecords =>
          ecosystems.length === ECOSYSTEMS.length ? group : { ecosystem: ecosystems[0]!, ...group })
        .sort((a, b) => compareText(a.name, b.name) || compareText(a.ecosystem ?? "", b.ecosystem ?? ""));
    },
  };
}
