import type { DependencySource } from "../../types.js";
import { PEP508_NAME } from "./pep508.js";
import { checkMarker } from "./pep508-marker.js";

/** What a URL, VCS or path line installs. */
export type LinkOutcome =
  | { kind: "package"; name: string; version: string; source: DependencySource }
  /** A local project folder: first-party source in the repository, not a locked third-party package. */
  | { kind: "local-folder" }
  | { kind: "error"; message: string };

const VCS = /^(git|hg|svn|bzr)\+/i;
const URL = /^(https?|ftp|file):/i;
const ARCHIVE = /\.(whl|tar\.gz|tgz|tar|zip|tar\.bz2|tbz|tar\.xz|txz|tlz|tar\.lz|tar\.lzma)$/i;

export function looksLikeUrl(text: string): boolean {
  return VCS.test(text) || URL.test(text);
}

/** A bare archive name or path that pip installs as a file, not as `name @ url`. */
export function looksLikeArchive(text: string): boolean {
  const target = text.split(";")[0]!.trim().replace(/\[[^\]]*\]$/, "");
  const at = target.indexOf("@");
  if (at !== -1 && PEP508_NAME.test(target.slice(0, at).trim())) return false;
  return ARCHIVE.test(target);
}

export function looksLikePath(text: string): boolean {
  return text.startsWith(".") || text.startsWith("~") || /[/\\]/.test(text);
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
  const target = (markerAt === -1 ? written : written.slice(0, markerAt)).trim().replace(/\[[^\]]*\]$/, "");
  const source = sourceOf(target);
  const withoutFragment = target.replace(/[?#].*$/, "");
  const fileName = safeDecode(withoutFragment.slice(withoutFragment.search(/[^/\\]*$/)));

  if (/\.whl$/i.test(fileName)) {
    const parts = fileName.slice(0, -4).split("-");
    if ((parts.length !== 5 && parts.length !== 6) || !PEP508_NAME.test(parts[0]!)) return { kind: "error", message: `\`${fileName}\` is not a valid wheel file name` };
    return { kind: "package", name: parts[0]!, version: parts[1]!, source };
  }
  const egg = /[#&]egg=([^&]*)/.exec(target)?.[1]?.replace(/\[.*$/, "");
  if (egg !== undefined) {
    if (!PEP508_NAME.test(egg)) return { kind: "error", message: `\`#egg=${egg}\` is not a valid package name` };
    return { kind: "package", name: egg, version: "", source };
  }
  if (VCS.test(target)) {
    const repository = withoutFragment.replace(/@[^/@]*$/, "").replace(/\/+$/, "");
    const name = repository.slice(repository.lastIndexOf("/") + 1).replace(/\.git$/i, "");
    if (PEP508_NAME.test(name)) return { kind: "package", name, version: "", source };
    return { kind: "error", message: `cannot tell which package \`${target}\` installs: add \`#egg=<name>\`` };
  }
  const sdist = /^(.+?)-(\d[^-]*)\.(tar\.gz|tgz|tar|zip|tar\.bz2|tbz|tar\.xz|txz|tlz|tar\.lz|tar\.lzma)$/i.exec(fileName);
  if (sdist && PEP508_NAME.test(sdist[1]!)) return { kind: "package", name: sdist[1]!, version: "", source };
  // pip-compile writes local editables as `-e file:///…/project`: a folder all the same.
  const remote = isUrl && source !== "file";
  if (!remote && (editable || !ARCHIVE.test(fileName))) return { kind: "local-folder" };
  return { kind: "error", message: `cannot tell which package \`${target}\` installs: write it as \`<name> @ ${target}\`` };
}

/** Where a link points: a git repository, a URL, or a file in the repository. */
export function sourceOf(target: string): DependencySource {
  if (/^git\+/i.test(target)) return "git";
  if (VCS.test(target)) return "url";
  return URL.test(target) && !/^file:/i.test(target) ? "url" : "file";
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
