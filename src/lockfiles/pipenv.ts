import { normalizePypiName } from "../names.js";
import type { Dependency, DependencySource, ParseOutcome } from "../types.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { createLineIndex } from "./shared/line-index.js";
import { mergeOccurrences } from "./shared/merge-occurrences.js";
import { readToml } from "./pypi/read-toml.js";
import { findSectionKeyLines } from "./pypi/section-key-lines.js";
import { baseName } from "../paths.js";

/**
 * Pipfile.lock (JSON). `default` is runtime, `develop` dev; pipenv ≥2023 adds a section per custom
 * Pipfile category, taken as runtime since nothing says it is not. Direct dependencies come from the Pipfile.
 */
export const pipfileLock: LockfileFormat = {
  id: "Pipfile.lock",
  ecosystem: "pypi",
  matches: (path) => baseName(path) === "Pipfile.lock",
  manifest: "Pipfile",
  parse: parsePipfileLock,
};

type JsonObject = { [key: string]: unknown };

function parsePipfileLock(text: string, context: ParseContext): ParseOutcome {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message.replace(/ in JSON at position \d+.*$|, (\.\.\.)?"[\s\S]*$/, "");
    return { ok: false, error: { message: `Pipfile.lock is not valid JSON: ${reason}`, line: jsonErrorLine(text, error as Error) } };
  }
  if (!isObject(document) || (!isObject(own(document, "default")) && !isObject(own(document, "develop")))) {
    return { ok: false, error: { message: "this is not a Pipfile.lock: it has no `default` or `develop` section", line: 1 } };
  }
  const declared = context.manifest === undefined ? undefined : readPipfileNames(context.manifest);
  const keyLines = findSectionKeyLines(text);
  const dependencies: Dependency[] = [];
  for (const [section, packages] of Object.entries(document)) {
    if (section === "_meta" || !isObject(packages)) continue;
    for (const [name, entry] of Object.entries(packages)) {
      if (!isObject(entry)) {
        return { ok: false, error: { message: `${section}.${name} must be an object`, line: keyLines.get(section)?.get(name) ?? 1 } };
      }
      const source = sourceOf(entry);
      dependencies.push({
        ecosystem: "pypi",
        name,
        version: pinnedVersion(own(entry, "version")),
        direct: declared === undefined || declared.has(normalizePypiName(name)),
        dev: section === "develop",
        line: keyLines.get(section)?.get(name) ?? 1,
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

function sourceOf(entry: JsonObject): DependencySource | undefined {
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
    if (["source", "requires", "scripts", "pipenv"].includes(section) || !isObject(packages)) continue;
    for (const name of Object.keys(packages)) names.add(normalizePypiName(name));
  }
  return names;
}

function jsonErrorLine(text: string, error: Error): number {
  const lineAt = createLineIndex(text);
  const position = /at position (\d+)/.exec(error.message);
  if (position) return lineAt(Number(position[1]));
  // V8 quotes the text around an unexpected token instead: ten characters either side, "..." where cut.
  const context = /^Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(error.message);
  const found = context ? text.indexOf(context[3]!) : -1;
  if (context && found !== -1) return lineAt(found + (context[2] ? 10 : Math.max(0, context[3]!.indexOf(context[1]!))));
  // "Unexpected end of JSON input": parsing stopped at the end of the text.
  return text.trimEnd().split("\n").length;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(object: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}
