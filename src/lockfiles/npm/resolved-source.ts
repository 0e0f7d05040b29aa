import type { DependencySource } from "../../types.js";

export interface ResolvedSource {
  /** Absent for registry packages. */
  source?: Exclude<DependencySource, "registry">;
  /** The commit of a git dependency, when the location names one. */
  commit?: string;
}

const GIT_SCHEME = /^(git\+[a-z]+:|git:|git@|ssh:|github:|gitlab:|bitbucket:|gist:)/i;
const CODELOAD = /^https?:\/\/codeload\.github\.com\/[^/]+\/[^/]+\/tar\.gz\/([0-9a-f]{7,40})\b/i;
const GITLAB_ARCHIVE = /\/repository\/archive\.tar\.gz\?ref=([0-9a-f]{7,40})\b/i;

/**
 * Where a package was fetched from, read from the `resolved` location npm and yarn v1 record (or a
 * version field that holds a location). Git hosts serve commits as tarballs (codeload, GitLab archives),
 * which are git dependencies too: the code is pinned by a commit, not a registry version.
 */
export function sourceOfResolved(resolved: string | undefined): ResolvedSource {
  if (!resolved) return {};
  if (/^file:/i.test(resolved)) return { source: "file" };
  const codeload = CODELOAD.exec(resolved) ?? GITLAB_ARCHIVE.exec(resolved);
  if (codeload) return { source: "git", commit: codeload[1]! };
  const hash = resolved.lastIndexOf("#");
  const fragment = hash === -1 ? undefined : resolved.slice(hash + 1).replace(/^commit[=:]/, "");
  if (GIT_SCHEME.test(resolved)) return fragment ? { source: "git", commit: fragment } : { source: "git" };
  if (/^https?:\/\//i.test(resolved)) {
    const location = hash === -1 ? resolved : resolved.slice(0, hash);
    const tarball = isTarball(location);
    // A fragment on a non-tarball URL is a git ref (`https://github.com/o/r#<sha>`); on a tarball it is a checksum.
    if (!tarball && fragment) return { source: "git", commit: fragment };
    // Registries (npmjs, yarnpkg, Artifactory, Nexus, Verdaccio) serve tarballs at `<name>/-/<file>`.
    return location.includes("/-/") ? {} : { source: "url" };
  }
  return { source: "url" };
}

/**
 * Ends in `.tgz` or `.tar.gz`, before a query string or not. Index searches, not `/\.(tgz|tar\.gz)(\?.*)?$/`:
 * a value can hold line breaks, where `.*` stops, and that pattern then retries at every `?`.
 */
function isTarball(location: string): boolean {
  if (endsWithTarball(location, location.length)) return true;
  // A query runs to the end on one line: only a `?` after the last line break can start it.
  const lastBreak = Math.max(location.lastIndexOf("\n"), location.lastIndexOf("\r"), location.lastIndexOf("\u2028"), location.lastIndexOf("\u2029"));
  for (let question = location.indexOf("?", lastBreak + 1); question !== -1; question = location.indexOf("?", question + 1)) {
    if (endsWithTarball(location, question)) return true;
  }
  return false;
}

function endsWithTarball(text: string, end: number): boolean {
  const tail = text.slice(Math.max(0, end - 7), end).toLowerCase();
  return tail.endsWith(".tgz") || tail.endsWith(".tar.gz");
}
