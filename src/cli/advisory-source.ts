import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { AdvisorySource } from "../anomalies/advisory.js";
import { createAdvisoryFolderSource } from "../anomalies/advisory-folder-source.js";
import { createOsvApiSource, DEFAULT_OSV_API_URL } from "../anomalies/osv-api-source.js";
import { UsageError } from "./usage-error.js";

/**
 * Where a command reads published advisories: the `--advisories DIR` folder of OSV records when given
 * (then no API is asked), else the OSV API at `OSV_API_URL` (default https://api.osv.dev).
 */
export async function chooseAdvisorySource(dir: string | undefined, env: Record<string, string | undefined>): Promise<AdvisorySource> {
  if (dir === undefined) return createOsvApiSource({ baseUrl: env.OSV_API_URL?.trim() || DEFAULT_OSV_API_URL });
  const folder = resolve(dir);
  const isFolder = await stat(folder).then((s) => s.isDirectory(), () => false);
  if (!isFolder) throw new UsageError(`--advisories ${dir} is not a folder: give a folder of OSV records (JSON or YAML), such as OSV's per-ecosystem export unpacked`);
  return createAdvisoryFolderSource(dir);
}
