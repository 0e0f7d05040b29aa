import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { AdvisorySource } from "../anomalies/advisory.js";
import type { Config } from "../policy/config.js";
import { UsageError } from "./usage-error.js";

/**
 * Where a command reads published advisories: the `--advisories DIR` folder of OSV records when given
 * (then no API is asked), else the OSV API at `OSV_API_URL` (default https://api.osv.dev). None when the
 * policy says `anomalies.source: off` (a folder given is still checked to be one); only the source chosen
 * is loaded.
 */
export async function chooseAdvisorySource(dir: string | undefined, env: Record<string, string | undefined>, config: Config): Promise<AdvisorySource | undefined> {
  const asked = config.anomalies.source !== "off";
  if (dir === undefined) {
    if (!asked) return undefined;
    const { createOsvApiSource, DEFAULT_OSV_API_URL } = await import("../anomalies/osv-api-source.js");
    return createOsvApiSource({ baseUrl: env.OSV_API_URL?.trim() || DEFAULT_OSV_API_URL });
  }
  const folder = resolve(dir);
  const isFolder = await stat(folder).then((s) => s.isDirectory(), () => false);
  if (!isFolder) throw new UsageError(`--advisories ${dir} is not a folder: give a folder of OSV records (JSON or YAML), such as OSV's per-ecosystem export unpacked`);
  if (!asked) return undefined;
  const { createAdvisoryFolderSource } = await import("../anomalies/advisory-folder-source.js");
  return createAdvisoryFolderSource(dir);
}
