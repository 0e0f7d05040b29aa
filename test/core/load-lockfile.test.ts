import { loadLockfile, MAX_INCLUDE_DEPTH } from "../../src/core/load-lockfile.js";
import { findFormat } from "../../src/lockfiles/index.js";

const requirementsTxt = findFormat("requirements.txt")!;
import { MemorySnapshot } from "./memory-snapshot.js";

const load = (files: Record<string, string>, path = "requirements.txt") => loadLockfile(new MemorySnapshot(files), path, requirementsTxt);

describe("pip -r includes", () => {
  test("a chain of includes is followed, each file read once, each package at its own file", async () => {
    const loaded = await load({
      "requirements.txt": "flask==3.0.0\n-r base.txt\n-r extra/more.txt\n",
      "base.txt": "six==1.16.0\n",
      "extra/more.txt": "-r ../base.txt\nidna==3.7\n",
    });
    expect(loaded.errors).toEqual([]);
    expect([...loaded.byFile].map(([file, dependencies]) => [file, dependencies.map(({ name, line }) => `${name}:${line}`)])).toEqual([
      ["requirements.txt", ["flask:1"]],
      ["base.txt", ["six:1"]],
      ["extra/more.txt", ["idna:2"]],
    ]);
  });

  test(`a chain deeper than ${MAX_INCLUDE_DEPTH} files is unparsable at the including line of the deepest file read`, async () => {
    const files: Record<string, string> = {};
    for (let depth = 0; depth <= MAX_INCLUDE_DEPTH + 2; depth++) files[`r${depth}.txt`] = `pkg${depth}==1.0\n\n-r r${depth + 1}.txt\n`;
    const loaded = await load(files, "r0.txt");
    expect(loaded.errors).toEqual([
      { path: `r${MAX_INCLUDE_DEPTH}.txt`, error: { message: `includes nest deeper than ${MAX_INCLUDE_DEPTH} files`, line: 3 } },
    ]);
    expect(loaded.byFile.size).toBe(MAX_INCLUDE_DEPTH + 1);
  });

  test.each([
    ["a file that includes itself", { "requirements.txt": "six==1.16.0\n-r requirements.txt\n" }, "requirements.txt", 2, "requirements.txt → requirements.txt"],
    [
      "two files that include each other",
      { "requirements.txt": "-r dev.txt\n", "dev.txt": "pytest==8.0.0\n# tools\n-r ./requirements.txt\n" },
      "dev.txt",
      3,
      "requirements.txt → dev.txt → requirements.txt",
    ],
    [
      "a loop further down",
      { "requirements.txt": "-r a.txt\n", "a.txt": "-r b.txt\n", "b.txt": "six==1.16.0\n-r a.txt\n" },
      "b.txt",
      2,
      "a.txt → b.txt → a.txt",
    ],
  ])("%s is unparsable at the line that closes the loop, never read forever", async (_what, files, path, line, loop) => {
    const loaded = await load(files);
    const target = loop.split(" → ")[0];
    expect(loaded.errors).toEqual([
      { path, error: { message: `it includes ${target}, which includes this file again (${loop}): pip would never finish reading it`, line } },
    ]);
  });

  test("a file included twice along two paths is no loop, and is read once", async () => {
    const loaded = await load({ "requirements.txt": "-r a.txt\n-r b.txt\n", "a.txt": "-r common.txt\n", "b.txt": "-r common.txt\n", "common.txt": "six==1.16.0\n" });
    expect(loaded.errors).toEqual([]);
    expect([...loaded.byFile.keys()]).toEqual(["requirements.txt", "a.txt", "common.txt", "b.txt"]);
  });

  test("an include missing at this commit is an error at the including line, and listed as unreadable", async () => {
    const loaded = await load({ "requirements.txt": "six==1.16.0\n# the base set\n-r base.txt\n" });
    expect(loaded.errors).toEqual([{ path: "requirements.txt", error: { message: "it includes base.txt, which does not exist at this commit", line: 3 } }]);
    expect(loaded.unreadable).toEqual(["base.txt"]);
  });

  test.each([["-r ../../common/base.txt"], ["-r /etc/requirements.txt"], ["-r ~/requirements.txt"]])(
    "%s, outside the repository, is unparsable at its line",
    async (line) => {
      const loaded = await load({ "services/requirements.txt": `six==1.16.0\n${line}\n` }, "services/requirements.txt");
      expect(loaded.errors).toEqual([
        {
          path: "services/requirements.txt",
          error: { message: `\`${line}\` includes a file outside the repository, which soup-gate cannot review: keep the file in the repository`, line: 2 },
        },
      ]);
    },
  );
});

describe("pip lines that name a path", () => {
  test.each([
    ["a requirement a flipped bit turned into a path", "torch==2.1.0\nt/rch==2.1.0\n", 2, "t/rch==2.1.0", "services/api/t/rch==2.1.0 or t/rch==2.1.0"],
    ["a stray part of a version", "bar==4.5\n.6\n", 2, ".6", "services/api/.6 or .6"],
    ["a wheel path cut mid-line", "./vendor/acme_sdk-1.0.2-py3-no\n", 1, "./vendor/acme_sdk-1.0.2-py3-no", "services/api/vendor/acme_sdk-1.0.2-py3-no or vendor/acme_sdk-1.0.2-py3-no"],
    ["an editable folder that holds no project", "-e ./libs/missing\n", 1, "./libs/missing", "services/api/libs/missing or libs/missing"],
    ["a folder with only a README", "./docs\n", 1, "./docs", "services/api/docs or docs"],
  ])("%s is unparsable at its line, never a package dropped", async (_what, text, line, written, places) => {
    const loaded = await load({ "services/api/requirements.txt": text, "docs/README.md": "# docs\n" }, "services/api/requirements.txt");
    expect(loaded.errors).toEqual([
      {
        path: "services/api/requirements.txt",
        error: {
          message: `pip reads \`${written}\` as a folder to install, and there is no Python project (pyproject.toml or setup.py) at ${places}: pip would refuse the line`,
          line,
        },
      },
    ]);
    expect(loaded.byFile.has("services/api/requirements.txt")).toBe(false);
  });

  test("a project folder, beside the file or from the repository root, is the project's own code", async () => {
    const loaded = await load(
      {
        "services/api/requirements.txt": "-e .\n./libs/core[dev]\n-e libs/plugin ; python_version >= '3.9'\nsix==1.16.0\n",
        "services/api/pyproject.toml": "[project]\nname = 'api'\n",
        "libs/core/setup.py": "from setuptools import setup\nsetup()\n",
        "libs/plugin/pyproject.toml": "[project]\nname = 'plugin'\n",
      },
      "services/api/requirements.txt",
    );
    expect(loaded.errors).toEqual([]);
    expect(loaded.byFile.get("services/api/requirements.txt")?.map(({ name, line }) => `${name}:${line}`)).toEqual(["six:4"]);
  });
});
