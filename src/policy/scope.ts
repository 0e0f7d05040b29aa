import picomatch from "picomatch";
import { nameKey, normalizePypiName } from "../names.js";
import type { Change } from "../types.js";
import type { Config, IgnoreRule } from "./config.js";

/** Why a change is or is not checked: the policy's `scope:` and its `ignore:` list. */
export type ScopeDecision = { inScope: true } | { inScope: false; reason: string };

export function decideScope(change: Pick<Change, "ecosystem" | "name" | "direct" | "dev">, config: Config): ScopeDecision {
  const rule = findIgnoreRule(change, config.ignore);
  if (rule) return { inScope: false, reason: `ignored by policy: ${rule.reason}` };
  if (!change.direct && !config.scope.transitive) return { inScope: false, reason: "transitive (scope.transitive is false)" };
  if (change.dev && !config.scope.development) return { inScope: false, reason: "development only (scope.development is false)" };
  return { inScope: true };
}

export function findIgnoreRule(dep: Pick<Change, "ecosystem" | "name">, rules: readonly IgnoreRule[]): IgnoreRule | undefined {
  return rules.find((rule) => {
    if (rule.ecosystem && rule.ecosystem !== dep.ecosystem) return false;
    // PyPI names compare after PEP 503 normalisation, so the pattern is normalised the same way.
    const pattern = dep.ecosystem === "pypi" ? normalizePypiName(rule.name) : rule.name;
    return picomatch.isMatch(nameKey(dep.ecosystem, dep.name), pattern, { dot: true });
  });
}
