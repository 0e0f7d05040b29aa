import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import type { Advisory } from "../../src/anomalies/advisory.js";
import { readOsv } from "../../src/anomalies/read-osv.js";

/** The folder of real OSV records (GitHub Advisory Database JSON, PyPA advisory database YAML). */
export const ADVISORIES = join(import.meta.dirname, "../fixtures/advisories");

/** A real OSV record's text, by its path under test/fixtures/advisories. */
export const advisoryText = (path: string) => readFileSync(join(ADVISORIES, path), "utf8");

/** A real OSV record, read as the sources read it. */
export function advisory(path: string): Advisory {
  const text = advisoryText(path);
  const value = path.endsWith(".json") ? JSON.parse(text) : yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA });
  const read = readOsv(value);
  if (!read.ok) throw new Error(read.reason);
  return read.advisory;
}

export const TORCH_LOAD_RCE = "github/pypi/GHSA-53q9-r3pm-6pq6.json";
export const TORCH_CHECKPOINT_RCE = "github/pypi/GHSA-63cw-57p8-fm3p.json";
export const TORCH_JIT_EVAL = "pypa/torch/PYSEC-2022-43015.yaml";
export const PY_REDOS_GHSA = "github/pypi/GHSA-w596-4wvx-j9j6.json";
export const PY_REDOS_PYSEC = "pypa/py/PYSEC-2022-42969.yaml";
export const LOGURU_WITHDRAWN_GHSA = "github/pypi/GHSA-cvp7-c586-cmf4.json";
export const LOGURU_WITHDRAWN_PYSEC = "pypa/loguru/PYSEC-2022-15.yaml";
export const GRATIENT_MALWARE = "pypa/gratient/PYSEC-2024-1.yaml";
export const EXPRESS_REDIRECT_XSS = "github/npm/GHSA-qw6h-vgh9-j6wx.json";
