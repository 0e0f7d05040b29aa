import type { Ecosystem } from "./types.js";

/** PEP 503 normalised name: runs of `-`, `_` and `.` become one `-`, lower case. */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

/** The key under which two names of one ecosystem compare equal: npm names exactly, PyPI per PEP 503. */
export function nameKey(ecosystem: Ecosystem, name: string): string {
  return ecosystem === "pypi" ? normalizePypiName(name.trim()) : trimmed(name);
}

/** `name.trim()`, without the call for a name that starts and ends in printable ASCII (nearly every one). */
function trimmed(name: string): string {
  const first = name.charCodeAt(0);
  const last = name.charCodeAt(name.length - 1);
  return first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f ? name : name.trim();
}

/** One package of one ecosystem, whatever the spelling of its name: the key of every map of packages. */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  return `${ecosystem}\0${nameKey(ecosystem, name)}`;
}
