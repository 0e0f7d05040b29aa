import { normalizePypiName } from "../names.js";
import { PIPFILE_LOCK } from "./claims.js";
import type { Dependency, DependencySource, ParseOutcome } from "../types.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { mergeOccurrences } from "./common/merge-occurrences.js";
import { asObject, parseJson } from "./common/parse-json.js";
import { unparsable } from "./common/unparsable.js";
import { findMisshape, type Shape } from "./common/shape.js";
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

/** What soup-gate reads of a package entry, as pipenv writes it. */
const ENTRY: Shape = {
  fields: {
    version: "string",
    git: "string",
    ref: "string",
    path: "string",
    file: "string",
    editable: "boolean",
    markers: "string",
    index: "string",
    hashes: { list: "string" },
    extras: { list: "string" },
  },
};

function parsePipfileLock(text: string, context: ParseContext): ParseOutcome {
  const parsed = parseJson(text, "Pipfile.lock");
  if (!parsed.ok) return parsed;
  const document = asObject(parsed.value);
  if (!document || (!asObject(own(document, "default")) && !asObject(own(document, "develop")))) {
    return unparsable("this is not a Pipfile.lock: it has no `default` or `develop` section", 1);
  }
  const declared = context.manifest === undefined ? undefined : readPipfileNames(context.manifest);
  const sections = findSectionKeyLines(text);
  const dependencies: Dependency[] = [];
  for (const [section, value] of Object.entries(document)) {
    const misshape = findMisshape(value, section === "_meta" ? { fields: {} } : { map: ENTRY }, [section]);
    if (misshape) {
      const lines = sections.get(section);
      const line = misshape.path.length > 1 ? lines?.keys.get(misshape.path[1]!) : lines?.line;
      return unparsable(`Pipfile.lock: ${misshape.message}`, line ?? 1);
    }
    if (section === "_meta") continue;
    const packages = value as Record<string, unknown>;
    for (const name of Object.keys(packages)) {
      const entry = packages[name] as Record<string, unknown>;
      const source = sourceOf(entry);
      dependencies.push({
        ecosystem: "pypi",
        name,
        version: pinnedVersion(own(entry, "version")),
        direct: declared === undefined || declared.has(normalizePypiName(name)),
        dev: section === "develop",
        line: sections.get(section)?.keys.get(name) ?? 1,
        ...(source ? { source } : {}),
      });
    }
  }
  return { ok: true, dependencies: mergeOccurrences(dependencies) };
}

/** `==2.1.2` → `2.1.2`. Git and path entries have no version: "" (the `unpinned` finding asks for one). */
function pinnedVersion(version: unknown): string {
  return typeof version === "string" && version.startsWith("==") ? version.replace(/^===?/, "").trim() : "";
}

function sourceOf(entry: Record<string, unknown>): DependencySource | undefined {
  if (own(entry, "git") !== undefined) return "git";
  if (own(entry, "path") !== undefined) return "file";
  const file = own(entry, "file");
  if (typeof file === "string") return /^[a-z][a-z0-9+.-]*:\/\//i.test(file) && !/^file:/i.test(file) ? "url" : "file";
  return undefined;
}

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
