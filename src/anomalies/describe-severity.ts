import { createRequire } from "node:module";
import type cvssModule from "ae-cvss-calculator";
import type { Advisory, Score } from "./advisory.js";

// The CVSS calculator takes longer to load than the rest of a command's start-up, and most evaluations
// score nothing (no advisory, or one its database rates): it is loaded the first time a vector is scored.
const require = createRequire(import.meta.url);
let calculator: typeof cvssModule | undefined;
const cvss = (): typeof cvssModule => (calculator ??= require("ae-cvss-calculator") as typeof cvssModule);

/** Most severe first; what a database writes is kept as written (GitHub says `moderate`, CVSS `medium`). */
const RANK = ["critical", "high", "moderate", "medium", "low", "none"];

/**
 * The advisory's severity as its database gives it: the database's own rating (`database_specific` or
 * an affected entry's `ecosystem_specific`), else the rating of its newest CVSS vector's base score
 * ("high (CVSS 8.8)"). Undefined when the advisory rates nothing.
 */
export function describeSeverity(advisory: Advisory): string | undefined {
  const stated = advisory.databaseSeverity ?? advisory.affected.map((a) => a.severity).find((s) => s !== undefined);
  if (stated) return stated.toLowerCase();
  const scores = [...advisory.scores, ...advisory.affected.flatMap((a) => a.scores)];
  for (const type of ["CVSS_V4", "CVSS_V3", "CVSS_V2"]) {
    for (const score of scores.filter((s) => s.type === type)) {
      const base = baseScore(score);
      if (base !== undefined) return `${rating(base)} (CVSS ${base.toFixed(1)})`;
    }
  }
  return scores.find((s) => s.type === "Ubuntu")?.score.toLowerCase();
}

/** The more severe of two descriptions (each as `describeSeverity` writes them). */
export function worseSeverity(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return rank(b) < rank(a) ? b : a;
}

function rank(severity: string): number {
  const word = severity.split(" ")[0]!;
  const at = RANK.indexOf(word);
  return at === -1 ? RANK.length : at;
}

function baseScore(score: Score): number | undefined {
  const calc = cvss();
  try {
    const vector =
      score.type === "CVSS_V4" ? new calc.Cvss4P0(score.score)
        : score.type === "CVSS_V2" ? new calc.Cvss2(score.score)
          : score.score.startsWith("CVSS:3.0/") ? new calc.Cvss3P0(score.score) : new calc.Cvss3P1(score.score);
    const base = vector.calculateScores().base;
    return typeof base === "number" && Number.isFinite(base) ? base : undefined;
  } catch {
    // A vector the calculator cannot read rates nothing; the next one may.
    return undefined;
  }
}

/** FIRST's qualitative rating of a CVSS base score (the same bands in v3 and v4). */
function rating(base: number): string {
  if (base >= 9) return "critical";
  if (base >= 7) return "high";
  if (base >= 4) return "medium";
  if (base > 0) return "low";
  return "none";
}
