import { readFileSync } from "node:fs";
import { join } from "node:path";

const FIXTURES = join(import.meta.dirname, "../fixtures");

/** A fixture file's text, by its path under test/fixtures. */
export const fixture = (path: string) => readFileSync(join(FIXTURES, path), "utf8");

/** Poetry's manifest: flask is the one runtime dependency, pytest a dev one; the rest of poetry.lock is transitive. */
export const PYPROJECT = `[tool.poetry]
name = "api"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.9"
flask = "^1.0"

[tool.poetry.group.dev.dependencies]
pytest = "^5.4"
`;
