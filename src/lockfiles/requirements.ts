import type { Dependency, LinePath, LocalFolder, ParseOutcome } from "../types.js";
import { REQUIREMENTS_TXT } from "./claims.js";
import { type LockfileFormat, type ParseContext } from "./format.js";
import { readLogicalLines, type LogicalLine } from "./pypi/logical-lines.js";
import { mergeOccurrences } from "./common/merge-occurrences.js";
import { parseRequirement } from "./pypi/pep508.js";
import { parsePipOptions } from "./pypi/pip-options.js";
import { looksLikeArchive, looksLikePath, looksLikeUrl, readDirectReference, readLink, sourceOf } from "./pypi/read-link.js";
import { baseName, dirName } from "../paths.js";
import { resolvePipPath } from "./pypi/resolve-pip-path.js";
import { quoted } from "./common/quoted.js";
import { clip } from "../text/clip.js";
import { unparsable } from "./common/unparsable.js";

/** File-name words that mark a requirements file as development-only (`requirements-dev.txt`, `requirements/test.txt`). */
const DEV_WORDS = new Set(["dev", "development", "test", "tests", "testing", "lint", "docs", "ci"]);

/** pip requirements files: `requirements*.txt`, `*requirements*.txt`, any `.txt` directly in `requirements/`. */
export const requirementsTxt: LockfileFormat = {
  ...REQUIREMENTS_TXT,
  parse: parseRequirementsTxt,
};

interface Entry {
  dependency: Dependency;
  /** pip-compile `# via` items, when annotated. */
  via?: string[];
}

/** What one logical line adds: packages, `-r` includes, project folders installed by path. */
interface LineRead {
  entries: Entry[];
  includes: string[];
  folders: string[];
}

type LineOutcome = ({ ok: true } & LineRead) | { ok: false; message: string };

/**
 * Control characters no tool writes in a requirements file. Some are line breaks to pip (Python's
 * `splitlines`: vertical tab, form feed, U+001C–U+001E, U+0085, U+2028, U+2029) and not to an editor or
 * to git, others hide text: either way pip reads the line differently than it looks.
 */
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029]/;

function parseRequirementsTxt(text: string, context: ParseContext): ParseOutcome {
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return unparsable(`this line holds the control character U+${code}, which pip may read differently than the line looks: remove it`, lineOf(text, control.index));
  }
  const dev = isDevFile(context.path);
  const folder = dirName(context.path);
  const entries: Entry[] = [];
  const includes: LinePath[] = [];
  const included = new Set<string>();
  const folders: LocalFolder[] = [];
  let annotated = false;
  // The last package of the latest requirement line: what a pip-compile `# via` comment below it describes.
  let target: Entry | undefined;
  let inViaBlock = false;

  for (const line of readLogicalLines(text)) {
    const via = line.comment === undefined ? undefined : (/^\s*via\b(.*)$/.exec(line.comment) ?? undefined);
    if (line.content === "") {
      if (via && target) {
        annotated = true;
        for (const item of splitVia(via[1]!)) (target.via ??= []).push(item);
        inViaBlock = true;
      } else if (inViaBlock && target && /^\s+\S/.test(line.comment!)) {
        (target.via ??= []).push(line.comment!.trim());
      } else {
        inViaBlock = false;
      }
      continue;
    }
    const outcome = readLine(line, dev, folder);
    if (!outcome.ok) return unparsable(outcome.message, line.line);
    for (const path of outcome.includes) {
      if (included.has(path)) continue;
      included.add(path);
      includes.push({ path, line: line.line });
    }
    for (const written of outcome.folders) {
      const candidates = [...new Set([resolvePipPath(folder, written), resolvePipPath("", written)])].filter((path) => path !== undefined);
      const as = `pip reads ${quoted(written)} as a folder to install`;
      if (candidates.length === 0) return unparsable(`${as}, outside the repository: soup-gate cannot see what it installs`, line.line);
      const places = candidates.map((path) => (path === "" ? "the repository root" : clip(path, 80))).join(" or ");
      folders.push({ candidates, line: line.line, refusal: `${as}, and there is no Python project (pyproject.toml or setup.py) at ${places}: pip would refuse the line` });
    }
    target = outcome.entries[outcome.entries.length - 1];
    inViaBlock = via !== undefined && target !== undefined;
    if (inViaBlock) {
      annotated = true;
      for (const entry of outcome.entries) entry.via = splitVia(via![1]!);
    }
    for (const entry of outcome.entries) entries.push(entry);
  }

  // pip-compile names why each package is there: an input file (`-r requirements.in`, `pyproject.toml`)
  // makes it direct, other packages only make it transitive. Without annotations every line is direct.
  const dependencies = entries.map(({ dependency, via }) => ({
    ...dependency,
    direct: !annotated || via === undefined || via.some(namesInputFile),
  }));
  return {
    ok: true,
    dependencies: mergeOccurrences(dependencies),
    ...(includes.length > 0 ? { includes } : {}),
    ...(folders.length > 0 ? { folders } : {}),
  };
}

/** One logical line: `args` up to the first word starting with `-`, then pip options (pip's `break_args_options`). */
function readLine(line: LogicalLine, dev: boolean, folder: string): LineOutcome {
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
    return "message" in one ? { ok: false, message: one.message } : { ok: true, includes: [], ...one };
  }
  const read: LineRead = { entries: [], includes: [], folders: [] };
  for (const editable of parsed.options.editables) {
    const link = readLink(editable, true);
    if (link.kind === "error") return { ok: false, message: `pip cannot read this line: ${link.message}` };
    if (link.kind === "package") read.entries.push(entry(link.name, link.version, link.source));
    if (link.kind === "local-folder" && link.path !== undefined) read.folders.push(link.path);
  }
  for (const written of parsed.options.requirements) {
    if (looksLikeUrl(written)) return { ok: false, message: `${quoted(`-r ${written}`)} includes a file from a URL, which soup-gate cannot review: keep the file in the repository` };
    const include = resolvePipPath(folder, written);
    if (include === undefined) return { ok: false, message: `${quoted(`-r ${written}`)} includes a file outside the repository, which soup-gate cannot review: keep the file in the repository` };
    read.includes.push(include);
  }
  // `-c` constraint files only narrow versions; they add no dependency, so they are not followed.
  return { ok: true, ...read };
}

/**
 * A line that is no option: a requirement, a link, or a path. pip takes a path for a project folder only
 * when it is one; which it is, the caller checks against the commit (`folders`). Nothing pip would refuse
 * is ever dropped here: a damaged requirement (`t/rch==2.1.0`) is either that folder or unparsable.
 */
function readRequirement(args: string, entry: (name: string, version: string, source?: Dependency["source"]) => Entry): Omit<LineRead, "includes"> | { message: string } {
  if (looksLikeUrl(args) || looksLikeArchive(args)) {
    const link = readLink(args, false);
    if (link.kind === "error") return { message: `pip cannot read this line: ${link.message}` };
    return link.kind === "package" ? { entries: [entry(link.name, link.version, link.source)], folders: [] } : { entries: [], folders: [] };
  }
  const parsed = parseRequirement(args);
  if (!parsed.ok) {
    if (looksLikePath(args)) {
      const link = readLink(args, false);
      if (link.kind === "local-folder" && link.path !== undefined) return { entries: [], folders: [link.path] };
    }
    return { message: `pip cannot read this requirement: ${parsed.message}` };
  }
  const { name, specifiers, url } = parsed.requirement;
  if (url !== undefined) {
    const reference = readDirectReference(name, url);
    if ("message" in reference) return { message: `pip cannot read this requirement: ${reference.message}` };
    return { entries: [entry(name, reference.version, sourceOf(url))], folders: [] };
  }
  return { entries: [entry(name, pinnedVersion(specifiers))], folders: [] };
}

/** The locked version: a single exact `==` (no wildcard) or `===` pin. Anything else is unpinned: "". */
function pinnedVersion(specifiers: string[]): string {
  const exact = specifiers.filter((specifier) => specifier.startsWith("===") || (specifier.startsWith("==") && !specifier.endsWith(".*")));
  return exact.length === 1 ? exact[0]!.replace(/^===?/, "") : "";
}

/** The line of `offset`, counted as pip counts lines: `\r\n`, `\r` and `\n` each end one. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = 0; at < offset; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(at + 1) !== 0x0a)) line++;
  }
  return line;
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
