import { asObject, stringEntries } from "../common/parse-json.js";
import { stripBom } from "../../text/strip-bom.js";

/** What a `package.json` says about the project's own dependencies. */
export interface PackageManifest {
  /** `dependencies` and `optionalDependencies`: both ship with the product. name → range. */
  prod: Map<string, string>;
  /** `devDependencies` that are not also prod dependencies. name → range. */
  dev: Map<string, string>;
}

/**
 * Reads the sibling `package.json`. A missing or malformed manifest gives undefined: the caller then
 * knows nothing and treats every dependency as direct and runtime, which checks more, never less.
 */
export function readPackageManifest(text: string | undefined): PackageManifest | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(stripBom(text));
  } catch {
    return undefined;
  }
  const manifest = asObject(json);
  if (!manifest) return undefined;
  const prod = new Map([...stringEntries(manifest.dependencies), ...stringEntries(manifest.optionalDependencies)]);
  const dev = new Map(stringEntries(manifest.devDependencies).filter(([name]) => !prod.has(name)));
  return { prod, dev };
}
