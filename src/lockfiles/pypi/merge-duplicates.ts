import { nameKey } from "../../names.js";
import type { Dependency } from "../../types.js";

/**
 * One entry per name@version (PEP 503 names): runtime wins over dev, direct over transitive, and the
 * first occurrence keeps its spelling and line. Extras and repeated sections would otherwise count twice.
 */
export function mergeDuplicates(dependencies: Dependency[]): Dependency[] {
  const byKey = new Map<string, Dependency>();
  for (const dependency of dependencies) {
    const key = `${nameKey(dependency.ecosystem, dependency.name)}@${dependency.version}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...dependency });
      continue;
    }
    seen.dev = seen.dev && dependency.dev;
    seen.direct = seen.direct || dependency.direct;
  }
  return [...byKey.values()];
}
