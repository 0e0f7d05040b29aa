/** Repository paths, always written with `/` whatever the platform: git and GitHub name files that way. */

/** `a/b/package-lock.json` → `package-lock.json`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** `a/b/package-lock.json` → `a/b`; a file at the root has the folder "". */
export function dirName(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

export function joinPath(dir: string, file: string): string {
  return dir === "" ? file : `${dir}/${file}`;
}

/** Resolves `.` and `..` segments; pip includes are written relative to the including file. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}
