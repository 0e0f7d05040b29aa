import { randomBytes } from "node:crypto";
import { link, lstat, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file that must not exist yet, atomically: the text goes to a temporary name in the same
 * folder, which is then hard-linked into place — a link never replaces an existing file, so a file that
 * appeared meanwhile is left alone (`exists`), and a reader never sees half a file.
 */
export async function writeNewFile(path: string, text: string): Promise<"written" | "exists"> {
  // The temporary name does not end in .md, so a crash cannot leave something that reads as a record.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  await writeFile(temp, text, { flag: "wx" });
  try {
    await link(temp, path);
    return "written";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return "exists";
    // Some file systems (FAT, some network mounts) have no hard links: check, then rename.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "ENOSYS" && code !== "EOPNOTSUPP") throw error;
    if (await exists(path)) return "exists";
    await rename(temp, path);
    return "written";
  } finally {
    await rm(temp, { force: true });
  }
}

export async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "ENOTDIR") return false;
      throw error;
    },
  );
}
