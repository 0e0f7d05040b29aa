import { isIsoDate } from "../../src/core/dates.js";
import { selectFormat } from "../../src/core/select-lockfiles.js";
import { nameKey } from "../../src/names.js";
import { defaultConfig } from "../../src/policy/config.js";
import { hostileRun } from "../fuzz/hostile-line.js";

describe("paths, names and dates on a 1 MB line", () => {
  it.each([
    ["a path of a million slashes ending in a lockfile name", `${hostileRun("/")}package-lock.json`, "package-lock"],
    ["a path of node_modules folders", `${hostileRun("node_modules/")}package-lock.json`, undefined],
    ["a path of folders named like node_modules without the slash", `${hostileRun("node_modules")}/package-lock.json`, "package-lock"],
    ["a path of a million characters that is no lockfile", hostileRun("a/"), undefined],
  ])("selectFormat: %s", (_, path, id) => {
    expect(selectFormat(path, defaultConfig())?.id).toBe(id);
  });

  it.each([
    ["a run of separators between two letters", `a${hostileRun("-_.")}b`, "a-b"],
    ["a run of spaces around a name", `${hostileRun(" ")}Flask${hostileRun(" ")}`, "flask"],
  ])("nameKey: %s", (_, name, key) => {
    expect(nameKey("pypi", name)).toBe(key);
  });

  it.each([hostileRun("1"), `2026-01-26${hostileRun("0")}`, `${hostileRun("-")}2026-01-26`])("isIsoDate refuses a million characters (%#)", (text) => {
    expect(isIsoDate(text)).toBe(false);
  });
});
