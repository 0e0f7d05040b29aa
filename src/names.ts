import type { Ecosystem } from "./types.js";

/** PEP 503 normalised name: runs of `-`, `_` and `.` become one `-`, lower case. */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

/** The key under which two names of one ecosystem compare equal: npm names exactly, PyPI per PEP 503. */
export function nameKey(ecosystem: Ecosystem, name: string): string {
  return ecosystem === "pypi" ? normalizePypiName(name.trim()) : name.trim();
}

/** One package of one ecosystem, whatever the spelling of its name: the key of every map of packages. */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  return `${ecosystem}\0${nameKey(ecosystem, name)}`;
}
