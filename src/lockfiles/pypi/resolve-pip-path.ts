/**
 * A path written in a requirements file (`../base.txt`, `libs\core`), as a repository path relative to
 * `folder` (a repository folder, "" for the root). Undefined when it leaves the repository: an absolute
 * path, a home folder or too many `..` name something soup-gate cannot read at the commit.
 */
export function resolvePipPath(folder: string, written: string): string | undefined {
  const target = written.replaceAll("\\", "/");
  if (target.startsWith("/") || target.startsWith("~") || /^[A-Za-z]:/.test(target)) return undefined;
  const parts = folder === "" ? [] : folder.split("/");
  for (const part of target.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join("/");
}
