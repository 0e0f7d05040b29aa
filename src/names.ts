import type { Ecosystem } from "./types.js";

/** PEP 503 normalised name: runs of `-`, `_` and `.` become one `-`, lower case. */
export function normalizePypiName(name: string): string {
  return isNormalPypiName(name) ? name : name.replace(/[-_.]+/g, "-").toLowerCase();
}

/**
 * Whether `name` is its own PEP 503 form, as most lockfiles write names: lower-case ASCII letters, digits
 * and single hyphens only. One test of a pattern, where the normalisation makes two new strings. Not a
 * loop over the characters: in a process that reads lockfiles of every kind, names come as strings of
 * every representation V8 has, and such a loop then cost more than the normalisation itself.
 */
function isNormalPypiName(name: string): boolean {
  return !NOT_NORMAL_PYPI.test(name);
}

const NOT_NORMAL_PYPI = /[^a-z0-9-]|--/;

/** The key under which two names of one ecosystem compare equal: npm names exactly, PyPI per PEP 503. */
export function nameKey(ecosystem: Ecosystem, name: string): string {
  return ecosystem === "pypi" ? normalizePypiName(trimmed(name)) : trimmed(name);
}

/** `name.trim()`, without the call for a name that starts and ends in printable ASCII (nearly every one). */
export function trimmed(name: string): string {
  const first = name.charCodeAt(0);
  const last = name.charCodeAt(name.length - 1);
  return first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f ? name : name.trim();
}

/** One package of one ecosystem, whatever the spelling of its name: the key of every map of packages. */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  return `${ecosystem}\0${nameKey(ecosystem, name)}`;
}
