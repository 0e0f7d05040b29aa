import type { DependencySource } from "../types.js";
import { POETRY_LOCK } from "./claims.js";
import type { Shape } from "./common/shape.js";
import { type LockfileFormat } from "./format.js";
import { readPyprojectLock } from "./pypi/read-pyproject-lock.js";
import { field, stringList, tableField, type TomlTable } from "./pypi/read-toml.js";

/** poetry.lock, 1.x (`category`) and ≥1.5/2.x (`groups`); direct dependencies come from pyproject.toml. */
export const poetryLock: LockfileFormat = {
  ...POETRY_LOCK,
  parse: (text, context) => readPyprojectLock(text, context, { file: "poetry.lock", foreignKeys: FOREIGN_KEYS, fields: FIELDS, isDev, sourceOf }),
};

const FIELDS: Record<string, Shape> = { category: "string", groups: { list: "string" }, optional: "boolean", source: { fields: { type: "string" } } };

/** pdm spells its metadata keys with `_`, poetry with `-`; uv.lock and pylock.toml have a top-level version key. */
const FOREIGN_KEYS = { "metadata.lock_version": "pdm.lock", "metadata.content_hash": "pdm.lock", version: "uv.lock", "lock-version": "pylock.toml" };

/**
 * Poetry 1.x writes `category = "dev"`; poetry 2.x writes the groups that need the package, `main` being
 * the runtime one. Poetry 1.5–1.8 write neither: runtime, since nothing says otherwise. Extras
 * (`optional = true`) ship when the extra is installed: runtime too.
 */
function isDev(table: TomlTable): boolean {
  if (field(table, "category") === "dev") return true;
  const groups = stringList(field(table, "groups"));
  return groups.length > 0 && !groups.includes("main");
}

function sourceOf(table: TomlTable): DependencySource | undefined {
  const source = tableField(table, "source");
  switch (source && field(source, "type")) {
    case "git":
      return "git";
    case "url":
      return "url";
    case "file":
    case "directory":
      return "file";
    default:
      // `legacy` and `explicit` sources are package indexes: registries.
      return undefined;
  }
}
