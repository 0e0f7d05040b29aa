import type { ParseOutcome } from "../types.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { createLineIndex } from "./shared/line-index.js";
import { readNpmDependencies } from "./npm/npm-dependencies.js";
import { readNpmPackages } from "./npm/npm-packages.js";
import { readPackageManifest } from "./npm/package-manifest.js";
import { asObject, parseJson } from "./shared/parse-json.js";
import { baseName } from "../paths.js";
import { unparsable } from "./shared/unparsable.js";

/** `package-lock.json` / `npm-shrinkwrap.json`, lockfileVersion 1, 2 and 3. */
export const npmLock: LockfileFormat = {
  id: "package-lock",
  ecosystem: "npm",
  manifest: "package.json",
  matches: (path) => ["package-lock.json", "npm-shrinkwrap.json"].includes(baseName(path)),
  parse: parseNpmLock,
};

function parseNpmLock(text: string, context: ParseContext): ParseOutcome {
  const file = baseName(context.path) || "package-lock.json";
  const parsed = parseJson(text, file);
  if (!parsed.ok) return parsed;
  const lock = asObject(parsed.value);
  if (!lock) return unparsable(`${file} does not hold a JSON object`, 1);
  const version = lock.lockfileVersion;
  const packages = asObject(lock.packages);
  const dependencies = asObject(lock.dependencies);
  // Version 2 carries both maps; `packages` is the complete one. Version 1 has only `dependencies`.
  if ((version === 2 || version === 3) && packages) return { ok: true, dependencies: readNpmPackages(text, lock, packages) };
  if ((version === 1 || version === 2) && dependencies) {
    return { ok: true, dependencies: readNpmDependencies(text, dependencies, readPackageManifest(context.manifest)) };
  }
  const line = lineOfKey(text, "lockfileVersion");
  if (version !== 1 && version !== 2 && version !== 3) {
    const found = version === undefined ? "no lockfileVersion" : `lockfileVersion ${JSON.stringify(version)}`;
    return unparsable(`${file} has ${found}; soup-gate reads lockfileVersion 1, 2 and 3`, line);
  }
  const missing = version === 1 ? "`dependencies`" : "`packages`";
  return unparsable(`${file} (lockfileVersion ${version}) has no ${missing} map; regenerate it with npm install`, line);
}

function lineOfKey(text: string, key: string): number {
  const offset = text.indexOf(`"${key}"`);
  return offset === -1 ? 1 : createLineIndex(text)(offset);
}
