import { valid } from "@renovatebot/pep440";
import { normalizePypiName } from "../../names.js";
import type { DependencySource } from "../../types.js";
import { quoted } from "../common/quoted.js";
import { PEP508_NAME } from "./pep508.js";
import { checkMarker } from "./pep508-marker.js";

/** What a URL, VCS or path line installs. */
export type LinkOutcome =
  | { kind: "package"; name: string; version: string; source: DependencySource }
  /**
   * A local project folder: first-party source in the repository, not a locked third-party package —
   * if it is one. `path` is the folder as written when the line names it by path (pip installs it only
   * if it holds a project); absent for a `file:` URL, which names a folder of the machine pip runs on.
   */
  | { kind: "local-folder"; path?: string }
  | { kind: "error"; message: string };

const VCS = /^(git|hg|svn|bzr)\+/i;
const URL = /^(https?|ftp|file):/i;
const ARCHIVES = [".whl", ".tar.gz", ".tgz", ".tar", ".zip", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma"];

// The patterns here are anchored or replaced by index searches: every one of them runs on a whole line,
// and an unanchored pattern that backtracks would take time quadratic in that line.

export function looksLikeUrl(text: string): boolean {
  return VCS.test(text) || URL.test(text);
}

/** A bare archive name or path that pip installs as a file, not as `name @ url`. */
export function looksLikeArchive(text: string): boolean {
  const semicolon = text.indexOf(";");
  const target = stripExtras((semicolon === -1 ? text : text.slice(0, semicolon)).trim());
  const at = target.indexOf("@");
  if (at !== -1 && PEP508_NAME.test(target.slice(0, at).trim())) return false;
  return archiveExtension(target) !== undefined;
}

export function looksLikePath(text: string): boolean {
  return text.startsWith(".") || text.startsWith("~") || text.includes("/") || text.includes("\\");
}

/**
 * Names the package behind a link line the way pip does before building it: a wheel's file name gives
 * name and version (the wheel standard fixes both); otherwise `#egg=name`, a VCS repository's name or an
 * sdist file name gives the name, with no locked version. A link that names nothing fails the line.
 */
export function readLink(written: string, editable: boolean): LinkOutcome {
  const isUrl = looksLikeUrl(written);
  const markerAt = written.indexOf(isUrl ? "; " : ";");
  if (markerAt !== -1) {
    const problem = checkMarker(written.slice(markerAt + 1));
    if (problem) return { kind: "error", message: problem };
  }
  const target = stripExtras((markerAt === -1 ? written : written.slice(0, markerAt)).trim());
  const source = sourceOf(target);
  const fileName = urlFileName(target);

  if (fileName.toLowerCase().endsWith(".whl")) {
    const wheel = readWheelName(fileName);
    return wheel ? { kind: "package", ...wheel, source } : { kind: "error", message: `${quoted(fileName)} is not a valid wheel file name` };
  }
  const egg = eggFragment(target);
  if (egg !== undefined) {
    if (!PEP508_NAME.test(egg)) return { kind: "error", message: `${quoted(`#egg=${egg}`)} is not a valid package name` };
    return { kind: "package", name: egg, version: "", source };
  }
  if (VCS.test(target)) {
    const name = repositoryName(withoutQuery(target));
    if (PEP508_NAME.test(name)) return { kind: "package", name, version: "", source };
    return { kind: "error", message: `cannot tell which package ${quoted(target)} installs: add \`#egg=<name>\`` };
  }
  const sdist = sdistName(fileName);
  if (sdist !== undefined) return { kind: "package", name: sdist, version: "", source };
  // pip-compile writes local editables as `-e file:///…/project`: a folder all the same.
  const remote = isUrl && source !== "file";
  if (!remote && (editable || archiveExtension(fileName) === undefined)) return isUrl ? { kind: "local-folder" } : { kind: "local-folder", path: target };
  return { kind: "error", message: `cannot tell which package ${quoted(target)} installs: write it as \`<name> @ ${target.length > 60 ? "<url>" : target}\`` };
}

/**
 * Name and version a wheel file name fixes (`flask-3.0.0-py3-none-any.whl`): name, version, an optional
 * build tag that starts with a digit, then python, ABI and platform tags. Undefined when it is no wheel
 * file name pip would accept.
 */
export function readWheelName(fileName: string): { name: string; version: string } | undefined {
  if (!fileName.toLowerCase().endsWith(".whl")) return undefined;
  const parts = fileName.slice(0, -4).split("-");
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  const [name, version, build] = parts as [string, string, string];
  if (!PEP508_NAME.test(name) || valid(version) === null) return undefined;
  if (parts.length === 6 && !/^\d/.test(build)) return undefined;
  if (parts.some((part) => part === "")) return undefined;
  return { name, version };
}

/**
 * The version a PEP 508 direct reference pins (`flask @ https://…/flask-3.0.0-py3-none-any.whl` → 3.0.0),
 * as pip-compile and `uv pip compile` write them: a wheel's file name fixes it, the same as on a line of
 * its own, and pip refuses a wheel of another project. "" for anything else (an sdist, a VCS URL).
 */
export function readDirectReference(name: string, url: string): { version: string } | { message: string } {
  const fileName = urlFileName(url);
  if (!fileName.toLowerCase().endsWith(".whl")) return { version: "" };
  const wheel = readWheelName(fileName);
  if (!wheel) return { message: `${quoted(fileName)} is not a valid wheel file name` };
  if (normalizePypiName(wheel.name) !== normalizePypiName(name)) return { message: `${quoted(`${name} @`)} names the wheel of another project, ${quoted(wheel.name)}` };
  return { version: wheel.version };
}

/** The decoded file name a URL or path ends in, without query or fragment: `…/flask-3.0.0-py3-none-any.whl#sha256=…` → the wheel. */
export function urlFileName(target: string): string {
  const path = withoutQuery(target);
  return safeDecode(path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1));
}

/** Where a link points: a git repository, a URL, or a file in the repository. */
export function sourceOf(target: string): DependencySource {
  if (/^git\+/i.test(target)) return "git";
  if (VCS.test(target)) return "url";
  return URL.test(target) && !/^file:/i.test(target) ? "url" : "file";
}

/** `./libs/core[dev]` → `./libs/core`: pip's `_strip_extras` takes the last bracketed, non-empty group at the end. */
function stripExtras(target: string): string {
  if (!target.endsWith("]")) return target;
  const open = target.lastIndexOf("[");
  return open > 0 && open < target.length - 2 && target.indexOf("]", open) === target.length - 1 ? target.slice(0, open) : target;
}

function withoutQuery(target: string): string {
  const question = target.indexOf("?");
  const hash = target.indexOf("#");
  const end = question === -1 ? hash : hash === -1 ? question : Math.min(question, hash);
  return end === -1 ? target : target.slice(0, end);
}

function archiveExtension(fileName: string): string | undefined {
  const lower = fileName.toLowerCase();
  return ARCHIVES.find((extension) => lower.endsWith(extension));
}

/** `…#egg=name[extra]&subdirectory=x` → `name`; the first `egg=` after `#` or `&`. */
function eggFragment(target: string): string | undefined {
  for (let at = target.indexOf("egg="); at !== -1; at = target.indexOf("egg=", at + 1)) {
    const before = target[at - 1];
    if (before !== "#" && before !== "&") continue;
    const start = at + "egg=".length;
    const amp = target.indexOf("&", start);
    const value = target.slice(start, amp === -1 ? target.length : amp);
    const bracket = value.indexOf("[");
    return bracket === -1 ? value : value.slice(0, bracket);
  }
  return undefined;
}

/** `git+https://host/org/repo.git@v1.2` → `repo`: the last path segment, without a revision or `.git`. */
function repositoryName(url: string): string {
  const at = url.lastIndexOf("@");
  let repository = at > url.lastIndexOf("/") ? url.slice(0, at) : url;
  let end = repository.length;
  while (end > 0 && repository.charCodeAt(end - 1) === 0x2f /* / */) end--;
  repository = repository.slice(0, end);
  const name = repository.slice(repository.lastIndexOf("/") + 1);
  return name.toLowerCase().endsWith(".git") ? name.slice(0, -4) : name;
}

/** `legacy_client-0.3.tar.gz` → `legacy_client`: name, dash, a version starting with a digit, an archive extension. */
function sdistName(fileName: string): string | undefined {
  const extension = archiveExtension(fileName);
  if (extension === undefined || extension === ".whl") return undefined;
  const stem = fileName.slice(0, -extension.length);
  const dash = stem.lastIndexOf("-");
  if (dash <= 0 || !/^\d/.test(stem.slice(dash + 1))) return undefined;
  const name = stem.slice(0, dash);
  return PEP508_NAME.test(name) ? name : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
