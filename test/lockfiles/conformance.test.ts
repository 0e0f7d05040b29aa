import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { findFormat, LOCKFILE_FORMATS, parseLoaded, type LockfileFormat } from "../../src/lockfiles/index.js";
import type { ParseOutcome } from "../../src/types.js";
import { CORPUS, CORPUS_FOLDERS, listLockfiles, LOADED_FORMATS, readFixture, readSiblingManifest } from "./corpus.js";

/**
 * What every lockfile format promises, checked for each entry of LOCKFILE_FORMATS: it claims its own file
 * names and only those, reads every lockfile of its corpus folders, and fails closed at a line on a merge
 * conflict, on empty text and on another format's lockfile saved under its name. A new format gets a row
 * in each table below or this test fails.
 */

/** Paths each format claims, and paths it must leave to others (or to nobody). */
const PATHS: Record<string, { claims: string[]; leaves: string[] }> = {
  "package-lock": { claims: ["package-lock.json", "web/npm-shrinkwrap.json"], leaves: ["package.json", "web/package-lock.json.bak"] },
  "yarn.lock": { claims: ["yarn.lock", "apps/web/yarn.lock"], leaves: ["yarn.lock.orig", "package-lock.json"] },
  "pnpm-lock.yaml": { claims: ["pnpm-lock.yaml", "packages/app/pnpm-lock.yaml"], leaves: ["pnpm-workspace.yaml", "pnpm-lock.yml"] },
  "requirements.txt": {
    claims: ["requirements.txt", "backend/requirements-dev.txt", "dev-requirements.txt", "requirements_lock.txt", "requirements/base.txt", "src/requirements/test.txt"],
    leaves: ["requirements/sub/x.txt", "requirements.in", "constraints.txt", "notes.txt"],
  },
  "poetry.lock": { claims: ["poetry.lock", "backend/poetry.lock"], leaves: ["poetry.lock.bak", "pyproject.toml"] },
  "uv.lock": { claims: ["uv.lock", "services/api/uv.lock"], leaves: ["uv.toml"] },
  "Pipfile.lock": { claims: ["Pipfile.lock", "app/Pipfile.lock"], leaves: ["Pipfile", "pipfile.lock"] },
  "pdm.lock": { claims: ["pdm.lock", "svc/pdm.lock"], leaves: ["pdm.toml"] },
  "pylock.toml": { claims: ["pylock.toml", "deploy/pylock.toml", "pylock.dev.toml"], leaves: ["pylock.spam.eggs.toml", "Pylock.toml", "pylock.lock"] },
};

/** Corpus lockfiles the format refuses on purpose, at the line its own test explains (hand-edited or refused by pip itself). */
const REFUSED: Record<string, number> = {
  "pnpm-v5/scalibr__exotic.yaml": 14,
  "pnpm-v5/scalibr__files.yaml": 44,
  "requirements-txt/scalibr__per_req_options.txt": 1,
  "requirements-txt/trivy__requirements_compatible.txt": 4,
};

/** A requirements file may hold no requirement at all (pip installs nothing); every other format's empty file is no lockfile. */
const EMPTY_IS_EMPTY_LIST = new Set(["requirements.txt"]);

const ids = LOCKFILE_FORMATS.map((format) => format.id);
const lockfilesOf = (format: LockfileFormat): string[] => CORPUS_FOLDERS[format.id]!.flatMap((folder) => listLockfiles(folder, format));
const lineCount = (text: string): number => text.split(/\r\n|\r|\n/).length;

function parse(format: LockfileFormat, text: string, fixture?: string): ParseOutcome {
  const manifest = fixture === undefined ? undefined : readSiblingManifest(fixture);
  return parseLoaded(format, text, { path: PATHS[format.id]!.claims[0]!, ...(manifest === undefined ? {} : { manifest }) });
}

/** Unparsable, at a line of the text: what a developer can open and fix. */
function expectRefusedWithin(outcome: ParseOutcome, text: string): void {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.error.message).not.toBe("");
  expect(outcome.error.line).toBeGreaterThanOrEqual(1);
  expect(outcome.error.line).toBeLessThanOrEqual(lineCount(text));
}

test("every format has its row in each table, and ids are unique", () => {
  expect(new Set(ids).size).toBe(ids.length);
  expect(Object.keys(PATHS).sort()).toEqual([...ids].sort());
  expect(Object.keys(CORPUS_FOLDERS).sort()).toEqual([...ids].sort());
});

test("every folder of the corpus belongs to exactly one format", () => {
  const folders = readdirSync(CORPUS).filter((entry) => statSync(join(CORPUS, entry)).isDirectory());
  expect(Object.values(CORPUS_FOLDERS).flat().sort()).toEqual(folders.sort());
});

describe.each(LOADED_FORMATS.map((format) => [format.id, format] as const))("%s", (_id, format) => {
  const lockfiles = lockfilesOf(format);
  const others = LOADED_FORMATS.filter((other) => other !== format).flatMap((other) => lockfilesOf(other));

  test("claims its own file names, and the table finds it for them", () => {
    const { claims, leaves } = PATHS[format.id]!;
    expect(claims.map((path) => findFormat(path)?.id)).toEqual(claims.map(() => format.id));
    expect(leaves.filter((path) => format.matches(path))).toEqual([]);
  });

  test("its corpus folders hold lockfiles", () => {
    expect(lockfiles.length).toBeGreaterThan(0);
  });

  test.each(lockfiles)("reads %s", (fixture) => {
    const text = readFixture(fixture);
    const outcome = parse(format, text, fixture);
    if (Object.hasOwn(REFUSED, fixture)) {
      expect(outcome).toMatchObject({ ok: false, error: { line: REFUSED[fixture] } });
    } else {
      expect(outcome.ok && outcome.dependencies.length > 0).toBe(true);
    }
  });

  test.each(lockfiles)("a merge conflict in %s is unparsable at its marker", (fixture) => {
    const lines = readFixture(fixture).split("\n");
    const at = Math.floor(lines.length / 2);
    const conflicted = [...lines.slice(0, at), "<<<<<<< HEAD", ...lines.slice(at, at + 1), "=======", ">>>>>>> main", ...lines.slice(at + 1)].join("\n");
    expect(parse(format, conflicted, fixture)).toEqual({
      ok: false,
      error: { message: "merge-conflict marker: resolve the conflict and regenerate the lockfile", line: at + 1 },
    });
  });

  test.each(lockfiles)("a merge conflict in %s is named even where the text is broken before it", (fixture) => {
    const lines = readFixture(fixture).split("\n");
    const at = Math.floor(lines.length / 2);
    const conflicted = ["%%%", ...lines.slice(1, at), "=======", ...lines.slice(at)].join("\n");
    expect(parse(format, conflicted, fixture)).toEqual({
      ok: false,
      error: { message: "merge-conflict marker: resolve the conflict and regenerate the lockfile", line: at + 1 },
    });
  });

  test.each(["", "\n", "  \n\t\n", "\uFEFF"])("empty text %j is unparsable at line 1, or an empty list where the format allows it", (text) => {
    const outcome = parse(format, text);
    if (EMPTY_IS_EMPTY_LIST.has(format.id)) expect(outcome).toEqual({ ok: true, dependencies: [] });
    else expect(outcome).toMatchObject({ ok: false, error: { line: 1 } });
  });

  test.each(others)("another format's lockfile, %s, is unparsable under its name", (fixture) => {
    const text = readFixture(fixture);
    expectRefusedWithin(parse(format, text, fixture), text);
  });
});
