import { baseName } from "../paths.js";
import type { FormatClaim } from "./format.js";

// Which files each format claims, apart from its parser: choosing a format loads nothing but this file.

/** `package-lock.json` / `npm-shrinkwrap.json`, lockfileVersion 1, 2 and 3. */
export const NPM_LOCK: FormatClaim = {
  id: "package-lock",
  ecosystem: "npm",
  manifest: "package.json",
  matches: (path) => ["package-lock.json", "npm-shrinkwrap.json"].includes(baseName(path)),
};

/** `yarn.lock`: yarn v1 (classic) and yarn 2+ (berry, `__metadata`). */
export const YARN_LOCK: FormatClaim = {
  id: "yarn.lock",
  ecosystem: "npm",
  manifest: "package.json",
  matches: (path) => baseName(path) === "yarn.lock",
};

/** `pnpm-lock.yaml`, lockfile versions 5.x, 6.x and 9.x. */
export const PNPM_LOCK: FormatClaim = {
  id: "pnpm-lock.yaml",
  ecosystem: "npm",
  manifest: "package.json",
  matches: (path) => baseName(path) === "pnpm-lock.yaml",
};

/** pip requirements files: `requirements*.txt`, `*requirements*.txt`, any `.txt` directly in `requirements/`. */
export const REQUIREMENTS_TXT: FormatClaim = {
  id: "requirements.txt",
  ecosystem: "pypi",
  matches(path) {
    const base = baseName(path);
    if (!base.endsWith(".txt")) return false;
    return base.includes("requirements") || parentFolder(path) === "requirements";
  },
};

/** poetry.lock, 1.x (`category`) and ≥1.5/2.x (`groups`); direct dependencies come from pyproject.toml. */
export const POETRY_LOCK: FormatClaim = {
  id: "poetry.lock",
  ecosystem: "pypi",
  matches: (path) => baseName(path) === "poetry.lock",
  manifest: "pyproject.toml",
};

/** uv.lock (`version = 1`). */
export const UV_LOCK: FormatClaim = {
  id: "uv.lock",
  ecosystem: "pypi",
  matches: (path) => baseName(path) === "uv.lock",
};

/** Pipfile.lock; direct dependencies come from the Pipfile. */
export const PIPFILE_LOCK: FormatClaim = {
  id: "Pipfile.lock",
  ecosystem: "pypi",
  matches: (path) => baseName(path) === "Pipfile.lock",
  manifest: "Pipfile",
};

/** pdm.lock; direct dependencies come from pyproject.toml. */
export const PDM_LOCK: FormatClaim = {
  id: "pdm.lock",
  ecosystem: "pypi",
  matches: (path) => baseName(path) === "pdm.lock",
  manifest: "pyproject.toml",
};

/** PEP 751 `pylock.toml` and `pylock.<name>.toml`. */
export const PYLOCK: FormatClaim = {
  id: "pylock.toml",
  ecosystem: "pypi",
  matches: (path) => /^pylock\.([^.]+\.)?toml$/.test(baseName(path)),
};

function parentFolder(path: string): string | undefined {
  const parts = path.split("/");
  return parts.length >= 2 ? parts[parts.length - 2] : undefined;
}
