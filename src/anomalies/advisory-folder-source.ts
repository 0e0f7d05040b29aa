import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import yaml from "js-yaml";
import { nameKey } from "../names.js";
import { ECOSYSTEMS } from "../types.js";
import type { Advisory, AdvisoryAnswer, AdvisorySource, PackageVersion } from "./advisory.js";
import { affects, OSV_ECOSYSTEM } from "./affects.js";
import { readOsv } from "./read-osv.js";

const ADVISORY_FILE = /\.(?:json|ya?ml)$/i;

/**
 * A folder of OSV records searched recursively (`--advisories DIR`): OSV's per-ecosystem export unpacked,
 * a clone of the GitHub or PyPA advisory database. When it is given it is the only source and no API is
 * asked, so an air-gapped site or a reproducible audit gets the same answer every time. The folder is
 * read once per source; a file that is not an OSV record makes the source unavailable, naming the file,
 * rather than being skipped (the advisory in it would silently go missing).
 */
export function createAdvisoryFolderSource(dir: string): AdvisorySource {
  let index: Promise<Map<string, Advisory[]>> | undefined;
  const name = `the advisories folder ${dir}`;
  return {
    name,
    async find(queries: readonly PackageVersion[]): Promise<AdvisoryAnswer> {
      try {
        index ??= loadIndex(dir);
        const byPackage = await index;
        const advisories = queries.map((q) => (byPackage.get(`${q.ecosystem}\0${nameKey(q.ecosystem, q.name)}`) ?? []).filter((a) => affects(a, q)));
        return { ok: true, advisories };
      } catch (error) {
        index = undefined;
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === "ENOENT" ? "ENOENT: no such folder" : error instanceof Error ? error.message : String(error);
        return { ok: false, reason: `${name} could not be read: ${why}` };
      }
    },
  };
}

async function loadIndex(dir: string): Promise<Map<string, Advisory[]>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && ADVISORY_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const byPackage = new Map<string, Advisory[]>();
  for (const file of files) {
    const text = await readFile(file, "utf8");
    const where = relative(dir, file) || file;
    let value: unknown;
    try {
      // The failsafe schema keeps every scalar a string: `1.10` stays the version "1.10", dates stay text.
      value = /\.json$/i.test(file) ? JSON.parse(text) : yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA });
    } catch (error) {
      throw new Error(`${where} is not valid ${/\.json$/i.test(file) ? "JSON" : "YAML"}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    const read = readOsv(value);
    if (!read.ok) throw new Error(`${where} is not an OSV record: ${read.reason}`);
    for (const ecosystem of ECOSYSTEMS) {
      const names = new Set(read.advisory.affected.filter((a) => a.ecosystem === OSV_ECOSYSTEM[ecosystem]).map((a) => nameKey(ecosystem, a.name)));
      for (const key of names) {
        const list = byPackage.get(`${ecosystem}\0${key}`) ?? [];
        list.push(read.advisory);
        byPackage.set(`${ecosystem}\0${key}`, list);
      }
    }
  }
  return byPackage;
}
