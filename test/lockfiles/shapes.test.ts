import { loadedFormat } from "./corpus.js";

/**
 * Text that each format's parser accepts as JSON, YAML or TOML but that does not have the format's shape:
 * unparsable at the line where the shape breaks, never read as fewer packages (or none).
 */
const CASES: Array<[string, string, string, number, string]> = [
  ["package-lock.json", "an entry that is a string", '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {},\n    "node_modules/a": "1.0.0",\n    "node_modules/b": { "version": "2.0.0" }\n  }\n}', 5, "package-lock.json: `packages` › `node_modules/a` is a string, not a map"],
  ["package-lock.json", "an entry that is a list", '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {},\n    "node_modules/a": ["1.0.0"]\n  }\n}', 5, "package-lock.json: `packages` › `node_modules/a` is a list, not a map"],
  ["package-lock.json", "an entry that is null", '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {},\n    "node_modules/a": null\n  }\n}', 5, "package-lock.json: `packages` › `node_modules/a` is empty, not a map"],
  ["package-lock.json", "an entry that is a number", '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {},\n    "node_modules/a": 1\n  }\n}', 5, "package-lock.json: `packages` › `node_modules/a` is a number, not a map"],
  ["package-lock.json", "a name that is a number", '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": { "name": 7, "version": "1.0.0" }\n  }\n}', 4, "package-lock.json: `packages` › `node_modules/a` › `name` is a number, not a string"],
  ["package-lock.json", "`packages` as a list", '{\n  "lockfileVersion": 3,\n  "packages": []\n}', 3, "package-lock.json: `packages` is a list, not a map"],
  ["package-lock.json", "v2 `packages` as a string beside a good v1 tree", '{\n  "lockfileVersion": 2,\n  "packages": "",\n  "dependencies": { "a": { "version": "1.0.0" } }\n}', 3, "package-lock.json: `packages` is a string, not a map"],
  ["package-lock.json", "a version that is a number", '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": { "version": 1 }\n  }\n}', 4, "package-lock.json: `packages` › `node_modules/a` › `version` is a number, not a string"],
  ["package-lock.json", "a dev flag that is a string", '{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0", "dev": "false"}}}', 1, "package-lock.json: `packages` › `node_modules/a` › `dev` is a string, not true or false"],
  ["package-lock.json", "a v1 entry that is a string", '{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "a": "1.0.0"\n  }\n}', 4, "package-lock.json: `dependencies` › `a` is a string, not a map"],
  ["package-lock.json", "a nested v1 entry that is a list", '{\n  "lockfileVersion": 1,\n  "dependencies": {\n    "a": {\n      "version": "1.0.0",\n      "dependencies": { "b": [] }\n    }\n  }\n}', 6, "package-lock.json: `a` › `dependencies` › `b` is a list, not a map"],
  ["package-lock.json", "v1 `dependencies` as a list", '{"lockfileVersion": 1, "dependencies": [{"a": {"version": "1.0.0"}}]}', 1, "package-lock.json: `dependencies` is a list, not a map"],
  ["pnpm-lock.yaml", "`packages` as a string", "lockfileVersion: '9.0'\n\npackages: none\n", 3, "pnpm-lock.yaml: `packages` is a string, not empty or a map"],
  ["pnpm-lock.yaml", "`packages` as a list", "lockfileVersion: '9.0'\n\npackages:\n  - foo@1.0.0\n", 3, "pnpm-lock.yaml: `packages` is a list, not empty or a map"],
  ["pnpm-lock.yaml", "an entry that is a list", "lockfileVersion: '9.0'\n\npackages:\n\n  foo@1.0.0:\n    - resolution\n", 5, "pnpm-lock.yaml: `packages` › `foo@1.0.0` is a list, not empty or a map"],
  ["pnpm-lock.yaml", "a resolution that is a string", "lockfileVersion: '9.0'\n\npackages:\n\n  foo@1.0.0:\n    resolution: sha512-a\n", 5, "pnpm-lock.yaml: `packages` › `foo@1.0.0` › `resolution` is a string, not a map"],
  ["pnpm-lock.yaml", "`importers` as a list", "lockfileVersion: '9.0'\n\nimporters:\n  - .\n\npackages:\n\n  foo@1.0.0:\n    resolution: {integrity: sha512-a}\n", 3, "pnpm-lock.yaml: `importers` is a list, not empty or a map"],
  ["pnpm-lock.yaml", "an importer's dependencies as a list", "lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies:\n      - foo\n", 3, "pnpm-lock.yaml: `importers` › `.` › `dependencies` is a list, not empty or a map"],
  ["pnpm-lock.yaml", "`snapshots` as a string", "lockfileVersion: '9.0'\n\npackages: {}\n\nsnapshots: foo\n", 5, "pnpm-lock.yaml: `snapshots` is a string, not empty or a map"],
  ["package-lock.json", "a v1 `dependencies` key damaged", '{"lockfileVersion": 1, "dependencies": {"a": {"version": "1.0.0", "eependencies": {"b": {"version": "2.0.0"}}}}}', 1, "package-lock.json: `dependencies` › `a` › `eependencies` is no field this format has"],
  ["package-lock.json", "a v2 `packages` key damaged", '{\n  "lockfileVersion": 2,\n  "qackages": {"node_modules/a": {"version": "1.0.0"}},\n  "dependencies": {}\n}', 2, "package-lock.json (lockfileVersion 2) has no `packages` map; regenerate it with npm install"],
  ["pnpm-lock.yaml", "a `packages:` key damaged", "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      foo:\n        specifier: ^1.0.0\n        version: 1.0.0\n\nqackages:\n\n  foo@1.0.0:\n    resolution: {integrity: sha512-a}\n", 11, "pnpm-lock.yaml: `qackages` is no field this format has: if a pnpm newer than soup-gate wrote it, soup-gate needs updating; else regenerate the lockfile with `pnpm install`"],
  ["pnpm-lock.yaml", "the `packages:` line lost", "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      foo:\n        specifier: ^1.0.0\n        version: 1.0.0\n\n  foo@1.0.0:\n    resolution: {integrity: sha512-a}\n", 3, "pnpm-lock.yaml: the project `.` lists `foo@1.0.0`, but `packages` holds no package; regenerate it with `pnpm install`"],
  ["pnpm-lock.yaml", "the last package's line joined to the blank line above it", "lockfileVersion: '5.4'\n\npackages:\n\n  /a/1.0.0:\n    resolution: {integrity: sha512-a}\nJ  /b/2.0.0:\n    resolution: {integrity: sha512-b}\n", 7, "pnpm-lock.yaml: `J  /b/2.0.0` is no field this format has: if a pnpm newer than soup-gate wrote it, soup-gate needs updating; else regenerate the lockfile with `pnpm install`"],
  ["yarn.lock", "a berry header commented out", '__metadata:\n  version: 6\n\n"a@npm:^1.0.0":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n\n#"b@npm:^2.0.0":\n  version: 2.0.0\n  resolution: "b@npm:2.0.0"\n', 9, "yarn.lock has `version` twice in one block: a block header above it is missing"],
  ["yarn.lock", "a berry header commented out, as many fields written twice as a flow-style block above has without lines", '__metadata:\n  version: 6\n\n"a@npm:^1.0.0": { version: 1.0.0, resolution: "a@npm:1.0.0" }\n\n"c@npm:^1.0.0":\n  version: 1.0.0\n  resolution: "c@npm:1.0.0"\n\n#"b@npm:^2.0.0":\n  version: 2.0.0\n  resolution: "b@npm:2.0.0"\n', 11, "yarn.lock has `version` twice in one block: a block header above it is missing"],
  ["requirements.txt", "a line break pip sees and an editor does not", "six==1.16.0\n# a comment\u000bflask==3.0.0\n", 2, "this line holds the control character U+000B, which pip may read differently than the line looks: remove it"],
  ["requirements.txt", "a backspace in a comment", "# pinned\bflask==3.0.0\r\nsix==1.16.0\n", 1, "this line holds the control character U+0008, which pip may read differently than the line looks: remove it"],
  ["yarn.lock", "berry `__metadata` as a string", '__metadata: "6"\n\n"a@npm:^1.0.0":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n', 1, "yarn.lock is neither a yarn v1 lockfile (`# yarn lockfile v1` header) nor a yarn 2+ lockfile (`__metadata`)"],
  ["yarn.lock", "berry dependencies as a list", '__metadata:\n  version: 6\n\n"a@npm:^1.0.0":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n  dependencies:\n    - b\n', 4, "yarn.lock: `a@npm:^1.0.0` › `dependencies` is a list, not a map"],
  ["Pipfile.lock", "`default` as a list", '{\n  "_meta": {},\n  "default": [],\n  "develop": {"pytest": {"version": "==8.0.0"}}\n}', 3, "Pipfile.lock: `default` is a list, not a map"],
  ["poetry.lock", "a source that is a string", '[[package]]\nname = "ike"\nversion = "0.2.0"\nsource = "git"\n\n[metadata]\nlock-version = "2.1"\n', 1, "poetry.lock: `package` › `ike` › `source` is a string, not a map"],
  ["poetry.lock", "groups that are a string", '[[package]]\nname = "six"\nversion = "1.17.0"\ngroups = "dev"\n\n[metadata]\nlock-version = "2.1"\n', 1, "poetry.lock: `package` › `six` › `groups` is a string, not a list"],
  ["pdm.lock", "groups that are a string", '[metadata]\nlock_version = "4.5.0"\n\n[[package]]\nname = "six"\nversion = "1.17.0"\ngroups = "dev"\n', 4, "pdm.lock: `package` › `six` › `groups` is a string, not a list"],
  ["uv.lock", "dependencies that are a table", 'version = 1\n\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }\ndependencies = { name = "six" }\n', 3, "uv.lock: `package` › `app` › `dependencies` is a map, not a list"],
  ["uv.lock", "a source that is a string", 'version = 1\n\n[[package]]\nname = "six"\nversion = "1.17.0"\nsource = "registry"\n', 3, "uv.lock: `package` › `six` › `source` is a string, not a map"],
  ["pylock.toml", "a vcs that is a string", "lock-version = '1.0'\n\n[[packages]]\nname = 'tool'\nvcs = 'git'\n", 3, "pylock.toml: `packages` › `tool` › `vcs` is a string, not a map"],
  ["pylock.toml", "`packages` as a table", "lock-version = '1.0'\n\n[packages]\nname = 'tool'\n", 1, "`packages` in pylock.toml must be an array of [[packages]] tables"],
];

test.each(CASES)("%s with %s is unparsable at its line", (path, _what, text, line, message) => {
  const format = loadedFormat(path);
  expect(format.parse(text, { path })).toEqual({ ok: false, error: { message, line } });
});

test("the texts above, mended, are read: each case breaks only the shape", () => {
  const mended = [
    ["package-lock.json", '{"lockfileVersion": 3, "packages": {"": {}, "node_modules/a": {"version": "1.0.0"}}}'],
    ["pnpm-lock.yaml", "lockfileVersion: '9.0'\n\npackages:\n\n  foo@1.0.0:\n    resolution: {integrity: sha512-a}\n"],
    ["Pipfile.lock", '{"_meta": {}, "default": {}, "develop": {"pytest": {"version": "==8.0.0"}}}'],
    ["uv.lock", 'version = 1\n\n[[package]]\nname = "six"\nversion = "1.17.0"\nsource = { registry = "https://pypi.org/simple" }\n'],
  ] as const;
  for (const [path, text] of mended) expect(loadedFormat(path).parse(text, { path })).toMatchObject({ ok: true, dependencies: [expect.anything()] });
});
