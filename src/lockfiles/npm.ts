import type { ParseOutcome } from "../types.js";
import { NPM_LOCK } from "./claims.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { createLineIndex } from "./common/line-index.js";
import { readNpmDependencies } from "./npm/npm-dependencies.js";
import { readNpmPackages } from "./npm/npm-packages.js";
import { readPackageManifest } from "./npm/package-manifest.js";
import { asObject, parseJson } from "./common/parse-json.js";
import { baseName } from "../paths.js";
import { unparsable } from "./common/unparsable.js";
import { ANY_MAP, findMisshape } from "./common/shape.js";
import { clip } from "../text/clip.js";

/** `package-lock.json` / `npm-shrinkwrap.json`, lockfileVersion 1, 2 and 3. */
export const npmLock: LockfileFormat = {
  ...NPM_LOCK,
  parse: parseNpmLock,
  json: true,
};

function parseNpmLock(text: string, context: ParseContext): ParseOutcome {
  const file = baseName(context.path) || "package-lock.json";
  const parsed = parseJson(text, file);
  if (!parsed.ok) return parsed;
  const lock = asObject(parsed.value);
  if (!lock) return unparsable(`${file} does not hold a JSON object`, 1);
  const version = Object.hasOwn(lock, "lockfileVersion") ? lock.lockfileVersion : undefined;
  if (version !== 1 && version !== 2 && version !== 3) {
    const found = version === undefined ? "no lockfileVersion" : `lockfileVersion ${typeof version === "number" || typeof version === "string" ? clip(JSON.stringify(version), 40) : "that is no number"}`;
    return unparsable(`${file} has ${found}; soup-gate reads lockfileVersion 1, 2 and 3`, lineOfKey(text, "lockfileVersion"));
  }
  // Version 2 carries both maps, and npm writes both; `packages` is the complete one. Version 1 has only `dependencies`.
  const key = version === 1 ? "dependencies" : "packages";
  if (!Object.hasOwn(lock, key)) {
    return unparsable(`${file} (lockfileVersion ${version}) has no \`${key}\` map; regenerate it with npm install`, lineOfKey(text, "lockfileVersion"));
  }
  const misshape = findMisshape(lock[key], ANY_MAP, [key]);
  if (misshape) return unparsable(`${file}: ${misshape.message}`, lineOfKey(text, key));
  const map = lock[key] as Record<string, unknown>;
  const read = key === "packages" ? readNpmPackages(text, lock, map) : readNpmDependencies(text, lock, map, readPackageManifest(context.manifest));
  return read.ok ? { ok: true, dependencies: read.dependencies, ...(read.locate ? { locate: read.locate } : {}) } : unparsable(`${file}: ${read.error.message}`, read.error.line);
}

function lineOfKey(text: string, key: string): number {
  const offset = text.indexOf(`"${key}"`);
  return offset === -1 ? 1 : createLineIndex(text)(offset);
}
