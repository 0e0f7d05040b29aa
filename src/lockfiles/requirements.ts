import type { Dependency, LinePath, ParseOutcome } from "../types.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { readLogicalLines, type LogicalLine } from "./pypi/logical-lines.js";
import { mergeOccurrences } from "./shared/merge-occurrences.js";
import { parseRequirement } from "./pypi/pep508.js";
import { parsePipOptions } from "./pypi/pip-options.js";
import { looksLikeArchive, looksLikePath, looksLikeUrl, readLink, sourceOf } from "./pypi/read-link.js";
import { baseName, dirName } from "../paths.js";
import { resolvePipPath } from "./pypi/resolve-pip-path.js";
import { unparsable } from "./shared/unparsable.js";

/** File-name words that mark a requirements file as development-only (`requirements-dev.txt`, `requirements/test.txt`). */
const DEV_WORDS = new Set(["dev", "development", "test", "tests", "testing", "lint", "docs", "ci"]);

/** pip requirements files (SPEC §2): `requirements*.txt`, `*requirements*.txt`, any `.txt` directly in `requirements/`. */
export const requirementsTxt: LockfileFormat = {
  id: "requirements.txt",
  ecosystem: "pypi",
  matches(path) {
    const base = baseName(path);
    if (!base.endsWith(".txt")) return false;
    return base.includes("requirements") || parentFolder(path) === "requirements";
  },
  parse: parseRequirementsTxt,
};

interface Entry {
  dependency: Dependency;
  /** pip-compile `# via` items, when annotated. */
  via?: string[];
}

type LineOutcome = { ok: true; entries: Entry[]; includes: string[] } | { ok: false; message: string };

function parseRequirementsTxt(text: string, context: ParseContext): ParseOutcome {
  const dev = isDevFile(context.path);
  const entries: Entry[] = [];
  const includes: LinePath[] = [];
  const included = new Set<string>();
  let annotated = false;
  // The last package of the latest requirement line: what a pip-compile `# via` comment below it describes.
  let target: Entry | undefined;
  let inViaBlock = false;

  for (const line of readLogicalLines(text)) {
    const via = line.comment === undefined ? undefined : (/^\s*via\b(.*)$/.exec(line.comment) ?? undefined);
    if (line.content === "") {
      if (via && target) {
        annotated = true;
        target.via = [...(target.via ?? []), ...splitVia(via[1]!)];
        inViaBlock = true;
      } else if (inViaBlock && target && /^\s+\S/.test(line.comment!)) {
        target.via!.push(line.comment!.trim());
      } else {
        inViaBlock = false;
      }
      continue;
    }
    const outcome = readLine(line, dev, context.path);
    if (!outcome.ok) return unparsable(outcome.message, line.line);
    for (const path of outcome.includes) {
      if (included.has(path)) continue;
      included.add(path);
      includes.push({ path, line: line.line });
    }
    target = outcome.entries[outcome.entries.length - 1];
    inViaBlock = via !== undefined && target !== undefined;
    if (inViaBlock) {
      annotated = true;
      for (const entry of outcome.entries) entry.via = splitVia(via![1]!);
    }
    entries.push(...outcome.entries);
  }

  // pip-compile names why each package is there: an input file (`-r requirements.in`, `pyproject.toml`)
  // makes it direct, other packages only make it transitive. Without annotations every line is direct.
  const dependencies = entries.map(({ dependency, via }) => ({
    ...dependency,
    direct: !annotated || via === undefined || via.some(namesInputFile),
  }));
  const merged = mergeOccurrences(dependencies);
  return includes.length > 0 ? { ok: true, dependencies: merged, includes } : { ok: true, dependencies: merged };
}

/** One logical line: `args` up to the first word starting with `-`, then pip options (pip's `break_args_options`). */
function readLine(line: LogicalLine, dev: boolean, path: string): LineOutcome {
  const words = line.content.split(" ");
  const firstOption = words.findIndex((word) => word.startsWith("-"));
  const args = (firstOption === -1 ? words : words.slice(0, firstOption)).join(" ").trim();
  const parsed = parsePipOptions(firstOption === -1 ? "" : words.slice(firstOption).join(" "));
  if (!parsed.ok) return { ok: false, message: `pip cannot read this line: ${parsed.message}` };
  const entry = (name: string, version: string, source?: Dependency["source"]): Entry => ({
    dependency: { ecosystem: "pypi", name, version, direct: true, dev, line: line.line, ...(source && source !== "registry" ? { source } : {}) },
  });

  if (args !== "") {
    const one = readRequirement(args, entry);
    return "message" in one ? { ok: false, message: one.message } : { ok: true, entries: one.entries, includes: [] };
  }
  const entries: Entry[] = [];
  for (const editable of parsed.options.editables) {
    const link = readLink(editable, true);
    if (link.kind === "error") return { ok: false, message: `pip cannot read this line: ${link.message}` };
    if (link.kind === "package") entries.push(entry(link.name, link.version, link.source));
  }
  const includes: string[] = [];
  for (const written of parsed.options.requirements) {
    if (looksLikeUrl(written)) return { ok: false, message: `\`-r ${written}\` includes a file from a URL, which soup-gate cannot review: keep the file in the repository` };
    const include = resolvePipPath(dirName(path), written);
    if (include === undefined) return { ok: false, message: `\`-r ${written}\` includes a file outside the repository, which soup-gate cannot review: keep the file in the repository` };
    includes.push(include);
  }
  // `-c` constraint files only narrow versions; they add no dependency, so they are not followed.
  return { ok: true, entries, includes };
}

function readRequirement(args: string, entry: (name: string, version: string, source?: Dependency["source"]) => Entry): { entries: Entry[] } | { message: string } {
  if (looksLikeUrl(args) || looksLikeArchive(args)) {
    const link = readLink(args, false);
    if (link.kind === "error") return { message: `pip cannot read this line: ${link.message}` };
    return { entries: link.kind === "package" ? [entry(link.name, link.version, link.source)] : [] };
  }
  const parsed = parseRequirement(args);
  if (!parsed.ok) {
    // pip installs a local project folder (`.`, `./libs/core`): first-party code, not a locked package.
    if (looksLikePath(args) && readLink(args, false).kind === "local-folder") return { entries: [] };
    return { message: `pip cannot read this requirement: ${parsed.message}` };
  }
  const { name, specifiers, url } = parsed.requirement;
  if (url !== undefined) return { entries: [entry(name, "", sourceOf(url))] };
  return { entries: [entry(name, pinnedVersion(specifiers))] };
}

/** The locked version: a single exact `==` (no wildcard) or `===` pin. Anything else is unpinned: "". */
function pinnedVersion(specifiers: string[]): string {
  const exact = specifiers.filter((specifier) => specifier.startsWith("===") || (specifier.startsWith("==") && !specifier.endsWith(".*")));
  return exact.length === 1 ? exact[0]!.replace(/^===?/, "") : "";
}

function splitVia(rest: string): string[] {
  return rest.split(",").map((item) => item.trim()).filter((item) => item !== "");
}

function namesInputFile(item: string): boolean {
  return /^(-r|--requirement)\b/.test(item) || /\([^()]+\.(toml|cfg|py|in|txt)\)$/.test(item);
}

function isDevFile(path: string): boolean {
  const stem = baseName(path).replace(/\.txt$/, "").toLowerCase();
  return stem.split(/[-_.\s]+/).some((word) => DEV_WORDS.has(word));
}

function parentFolder(path: string): string | undefined {
  const parts = path.split("/");
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}
