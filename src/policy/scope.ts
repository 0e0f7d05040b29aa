import { nameKey, normalizePypiName } from "../names.js";
import type { Change, Ecosystem } from "../types.js";
import { compileGlob } from "./compile-glob.js";
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
  const matchers = compiledRules(rules);
  const name = nameKey(dep.ecosystem, dep.name);
  return rules.find((rule, i) => (!rule.ecosystem || rule.ecosystem === dep.ecosystem) && matchers[i]![dep.ecosystem](name));
}

/** Each rule's glob compiled once per policy, not once per change: 100,000 changes against 1,000 rules. */
const compiled = new WeakMap<readonly IgnoreRule[], Array<Record<Ecosystem, (name: string) => boolean>>>();

function compiledRules(rules: readonly IgnoreRule[]): Array<Record<Ecosystem, (name: string) => boolean>> {
  let matchers = compiled.get(rules);
  if (!matchers) {
    // PyPI names compare after PEP 503 normalisation, so the pattern is normalised the same way.
    matchers = rules.map((rule) => ({ npm: compileGlob(rule.name), pypi: compileGlob(normalizePypiName(rule.name)) }));
    compiled.set(rules, matchers);
  }
  return matchers;
}
