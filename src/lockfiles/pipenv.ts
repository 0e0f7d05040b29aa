import { normalizePypiName, trimmed } from "../names.js";
import { PIPFILE_LOCK } from "./claims.js";
import type { DependencySource, ParseOutcome } from "../types.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { addOccurrence, mergedDependencies, occurrenceMerger } from "./common/merge-occurrences.js";
import { locateByPlace } from "./common/locate-by-place.js";
import { asObject, parseJson } from "./common/parse-json.js";
import { unparsable, type Unparsable } from "./common/unparsable.js";
import { ANY_MAP, findMisshape, type Shape } from "./common/shape.js";
import { isTable, readToml } from "./pypi/read-toml.js";
import { findSectionKeyLines } from "./pypi/section-key-lines.js";

/**
 * Pipfile.lock (JSON). `default` is runtime, `develop` dev; pipenv ≥2023 adds a section per custom
 * Pipfile category, taken as runtime since nothing says it is not. Direct dependencies come from the Pipfile.
 */
export const pipfileLock: LockfileFormat = {
  ...PIPFILE_LOCK,
  parse: parsePipfileLock,
  json: true,
};

/**
 * The fields of a package entry soup-gate reads, as pipenv writes them. The others (`hashes`, `markers`,
 * `index`, `extras`, `ref`, `editable`) are pipenv's own business: soup-gate never reads them, so they
 * are not checked, as no format's unread fields are.
 */
const ENTRY: Shape = { fields: { version: "string", git: "string", path: "string", file: "string" } };

function parsePipfileLock(text: string, context: ParseContext): ParseOutcome {
  const parsed = parseJson(text, "Pipfile.lock");
  if (!parsed.ok) return parsed;
  const document = asObject(parsed.value);
  if (!document || (!asObject(own(document, "default")) && !asObject(own(document, "develop")))) {
    return unparsable("this is not a Pipfile.lock: it has no `default` or `develop` section", 1);
  }
  const declared = context.manifest === undefined ? undefined : pipfileNames(context.manifest);
  const merger = occurrenceMerger();
  // Each package's section and key, by its place in the document: its line is found from them when
  // asked for (a check asks for those of the packages that changed), and until then `line` is the place.
  const placeSections: string[] = [];
  const placeNames: string[] = [];
  for (const section of Object.keys(document)) {
    const value = document[section];
    const packages = asObject(value);
    if (section === "_meta" || !packages) {
      const misshape = misshapenSection(text, section, value, section === "_meta" ? ANY_MAP : SECTION);
      if (misshape) return misshape;
      continue;
    }
    const dev = section === "develop";
    for (const name of Object.keys(packages)) {
      const entry = packages[name];
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return misshapenSection(text, section, value, SECTION)!;
      // The fields ENTRY names, checked as they are read; the shape says what is wrong with one that is not.
      const { version, git, path, file } = entry as Record<string, unknown>;
      if ((version !== undefined && typeof version !== "string") || (git !== undefined && typeof git !== "string") || (path !== undefined && typeof path !== "string") || (file !== undefined && typeof file !== "string")) {
        return misshapenSection(text, section, value, SECTION)!;
      }
      const place = placeNames.length;
      placeSections.push(section);
      placeNames.push(name);
      const direct = declared === undefined || declared.has(normalizePypiName(name));
      addOccurrence(merger, "pypi", name, pinnedVersion(version), direct, dev, place, undefined, sourceOf(git, path, file), undefined);
    }
  }
  const dependencies = mergedDependencies(merger);
  const linesAt = (places: readonly number[]): number[] => {
    const sections = findSectionKeyLines(text);
    return places.map((place) => sections.get(placeSections[place]!)?.keys.get(placeNames[place]!) ?? 1);
  };
  return { ok: true, dependencies, locate: locateByPlace(dependencies, linesAt) };
}

/** A section of packages: package name → entry. */
const SECTION: Shape = { map: ENTRY };

/** Where `value`, the section `section`, does not have the shape, at the line of the key that leads there. */
function misshapenSection(text: string, section: string, value: unknown, shape: Shape): Unparsable | undefined {
  const misshape = findMisshape(value, shape, [section]);
  if (!misshape) return undefined;
  const lines = findSectionKeyLines(text).get(section);
  const line = misshape.path.length > 1 ? lines?.keys.get(misshape.path[1]!) : lines?.line;
  return unparsable(`Pipfile.lock: ${misshape.message}`, line ?? 1);
}

/** `==2.1.2` → `2.1.2`. Git and path entries have no version: "" (the `unpinned` finding asks for one). */
function pinnedVersion(version: string | undefined): string {
  if (version === undefined || !version.startsWith("==")) return "";
  return trimmed(version.slice(version.charCodeAt(2) === 0x3d /* = */ ? 3 : 2));
}

/** Where the package comes from, by the entry's `git`, `path` and `file`. */
function sourceOf(git: string | undefined, path: string | undefined, file: string | undefined): DependencySource | undefined {
  if (git !== undefined) return "git";
  if (path !== undefined) return "file";
  if (file !== undefined) return /^[a-z][a-z0-9+.-]*:\/\//i.test(file) && !/^file:/i.test(file) ? "url" : "file";
  return undefined;
}

/**
 * `readPipfileNames`, once per Pipfile text. A process reads the same project's Pipfile again and again
 * (both sides of every pull request, every push), and reading its TOML costs up to half as much as the
 * `JSON.parse` of a 100 KB Pipfile.lock. The oldest is dropped past 16.
 */
function pipfileNames(text: string): ReadonlySet<string> | undefined {
  if (readPipfiles.has(text)) return readPipfiles.get(text);
  const names = readPipfileNames(text);
  if (readPipfiles.size >= 16) readPipfiles.delete(readPipfiles.keys().next().value!);
  readPipfiles.set(text, names);
  return names;
}

const readPipfiles = new Map<string, ReadonlySet<string> | undefined>();

/** Package names of every Pipfile section except the settings ones; an unreadable Pipfile gives undefined (all direct). */
function readPipfileNames(text: string): Set<string> | undefined {
  const outcome = readToml(text, "Pipfile");
  if (!outcome.ok) return undefined;
  const names = new Set<string>();
  for (const [section, packages] of Object.entries(outcome.document)) {
    if (["source", "requires", "scripts", "pipenv"].includes(section) || !isTable(packages)) continue;
    for (const name of Object.keys(packages)) names.add(normalizePypiName(name));
  }
  return names;
}

function own(object: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}
