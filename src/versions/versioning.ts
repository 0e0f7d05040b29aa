import { createRequire } from "node:module";
import type * as pep440Module from "@renovatebot/pep440";
import type compareSemverFunction from "semver/functions/compare.js";
import type eqSemverFunction from "semver/functions/eq.js";
import type satisfiesSemverFunction from "semver/functions/satisfies.js";
import type validSemverFunction from "semver/functions/valid.js";
import type validSemverRangeFunction from "semver/ranges/valid.js";
import type { Ecosystem, VersionSpan } from "../types.js";

// semver by the functions used, not its index of some fifty modules, and through `require`: semver is
// CommonJS, which node loads in half the time that way than through `import`. It loads the first time a
// version other than a plain `1.2.3` is read, its ranges the first time a range is read, PEP 440 the first
// time a PyPI version is compared: a command on npm lockfiles of plain versions whose records name exact
// versions loads none of them.
const require = createRequire(import.meta.url);
let semverLoaded: { compare: typeof compareSemverFunction; eq: typeof eqSemverFunction; valid: typeof validSemverFunction } | undefined;
const semver = () =>
  (semverLoaded ??= {
    compare: require("semver/functions/compare.js") as typeof compareSemverFunction,
    eq: require("semver/functions/eq.js") as typeof eqSemverFunction,
    valid: require("semver/functions/valid.js") as typeof validSemverFunction,
  });
let ranges: { satisfies: typeof satisfiesSemverFunction; validRange: typeof validSemverRangeFunction } | undefined;
const semverRanges = () => (ranges ??= { satisfies: require("semver/functions/satisfies.js") as typeof satisfiesSemverFunction, validRange: require("semver/ranges/valid.js") as typeof validSemverRangeFunction });
let pep440Loaded: typeof pep440Module | undefined;
const pep440 = (): typeof pep440Module => (pep440Loaded ??= require("@renovatebot/pep440") as typeof pep440Module);

/** One comparator per ecosystem: semver for npm, PEP 440 for PyPI. */
export interface Versioning {
  isValid(version: string): boolean;
  /** Negative, zero or positive; undefined when either side is not a version of this ecosystem. */
  compare(a: string, b: string): number | undefined;
  /** Does the locked `version` match the recorded `recorded` one? */
  matches(version: string, recorded: string): boolean;
  satisfies(version: string, range: string): boolean;
  isValidRange(range: string): boolean;
  /** Is `version` a later release than `than`? Builds of one release (PEP 440 local labels) are not later. */
  isNewer(version: string, than: string): boolean;
}

/**
 * `1.2.3`, the form of nearly every locked version: as semver orders it (numerically, part by part; no
 * leading zero, which semver refuses), compared without loading semver. Parts stay within the 15 digits
 * semver accepts as safe integers.
 */
const PLAIN = /^(0|[1-9][0-9]{0,14})\.(0|[1-9][0-9]{0,14})\.(0|[1-9][0-9]{0,14})$/;

function comparePlain(a: string, b: string): number | undefined {
  const x = PLAIN.exec(a);
  const y = x && PLAIN.exec(b);
  if (!x || !y) return undefined;
  return Math.sign(Number(x[1]) - Number(y[1]) || Number(x[2]) - Number(y[2]) || Number(x[3]) - Number(y[3]));
}

const validSemver = (version: string): boolean => PLAIN.test(version) || semver().valid(version) !== null;

const npmVersioning: Versioning = {
  isValid: validSemver,
  compare(a, b) {
    const plain = comparePlain(a, b);
    if (plain !== undefined) return plain;
    if (!validSemver(a) || !validSemver(b)) return undefined;
    return semver().compare(a, b);
  },
  matches(version, recorded) {
    // Two plain versions are the same version only when written the same (no leading zeros).
    if (PLAIN.test(version) && PLAIN.test(recorded)) return version === recorded;
    if (validSemver(version) && validSemver(recorded)) return semver().eq(version, recorded);
    return version === recorded.trim();
  },
  satisfies(version, range) {
    if (!validSemver(version) || semverRanges().validRange(range) === null) return false;
    return semverRanges().satisfies(version, range, { includePrerelease: true });
  },
  isValidRange: (range) => semverRanges().validRange(range) !== null,
  isNewer: (version, than) => (npmVersioning.compare(version, than) ?? 0) > 0,
};

/** A PyPI version without its local label: `2.5.1+cu124` is the public release `2.5.1`. */
export function withoutLocal(version: string): string {
  const plus = version.indexOf("+");
  return plus === -1 ? version : version.slice(0, plus);
}

const pypiVersioning: Versioning = {
  isValid: (version) => pep440().valid(version) !== null,
  compare(a, b) {
    if (pep440().valid(a) === null || pep440().valid(b) === null) return undefined;
    return pep440().compare(a, b);
  },
  matches(version, recorded) {
    const want = recorded.trim();
    if (pep440().valid(version) === null || pep440().valid(want) === null) return version === want;
    if (pep440().eq(version, want)) return true;
    // A recorded `2.1.0` covers the local builds `2.1.0+cu121`; a recorded local label covers only itself.
    return !want.includes("+") && pep440().eq(withoutLocal(version), want);
  },
  satisfies(version, range) {
    if (pep440().valid(version) === null) return false;
    try {
      return pep440().satisfies(version, range);
    } catch {
      return false;
    }
  },
  isValidRange: (range) => Boolean(pep440().validRange(range)),
  isNewer: (version, than) => (pypiVersioning.compare(withoutLocal(version), withoutLocal(than)) ?? 0) > 0,
};

const table: Record<Ecosystem, Versioning> = { npm: npmVersioning, pypi: pypiVersioning };

export function versioningFor(ecosystem: Ecosystem): Versioning {
  return table[ecosystem];
}

/** Is `version` inside the inclusive span? Unparsable versions are never inside. */
export function isInSpan(ecosystem: Ecosystem, version: string, span: VersionSpan): boolean {
  const v = versioningFor(ecosystem);
  const low = v.compare(version, span.from);
  const high = v.compare(version, span.to);
  if (low === undefined || high === undefined) return false;
  return low >= 0 && (high <= 0 || v.matches(version, span.to));
}
