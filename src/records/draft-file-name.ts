import { nameKey } from "../names.js";
import { trimChar } from "../text/trim-char.js";
import type { Ecosystem } from "../types.js";

/** Where a draft record for a package goes: `docs/soup/scope-pkg.md` for `@scope/pkg`. */
export function draftFileName(dir: string, ecosystem: Ecosystem, name: string, extension = ".md"): string {
  const slug = trimChar(nameKey(ecosystem, name).replace(/^@/, "").replace(/[^A-Za-z0-9._-]+/g, "-"), "-") || "package";
  return `${trimChar(dir, "/", "end")}/${slug}${extension}`;
}
