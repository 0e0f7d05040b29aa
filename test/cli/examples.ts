import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { addDays } from "../../src/core/dates.js";

/** The project's examples/ folder: the demo's base and head, and a folder of OSV advisories. */
export const EXAMPLES = join(import.meta.dirname, "../../examples");

/** The files of an examples/ folder, with `{{days_ago:N}}` filled in as of `today`. */
export function example(folder: string, today: string): Record<string, string> {
  const root = join(EXAMPLES, folder);
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path, "utf8").replace(/\{\{days_ago:(\d+)\}\}/g, (_, d: string) => addDays(today, -Number(d)));
    }
  };
  walk(root);
  return files;
}
