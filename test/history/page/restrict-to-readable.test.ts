import { describe, expect, test } from "@jest/globals";
import { keepReadable, restrictToReadable } from "../../../src/history/page/restrict-to-readable.js";
import { evaluation } from "../history-entries.js";

const readable = ["acme/device", "acme/QMS"];

describe("the access rule", () => {
  test("without a repository filter the store is asked for the readable repositories only", () => {
    expect(restrictToReadable({ package: "timm" }, readable)).toEqual({ ok: true, filter: { package: "timm", repositories: readable } });
  });

  test("a filter that names repositories cannot widen the list", () => {
    expect(restrictToReadable({ repositories: ["acme/secret"] }, readable)).toEqual({ ok: true, filter: { repositories: readable } });
  });

  test("a readable repository is asked for alone, spelled as GitHub lists it", () => {
    expect(restrictToReadable({ repository: "ACME/qms" }, readable)).toEqual({ ok: true, filter: { repository: "acme/QMS", repositories: ["acme/QMS"] } });
  });

  test("a repository the user cannot read is refused", () => {
    expect(restrictToReadable({ repository: "acme/secret" }, readable)).toEqual({ ok: false, reason: "acme/secret is not among the repositories you can read through soup-gate." });
  });

  test("no repository readable: nothing is", () => {
    expect(restrictToReadable({}, [])).toEqual({ ok: true, filter: { repositories: [] } });
    expect(restrictToReadable({ repository: "acme/device" }, [])).toMatchObject({ ok: false });
  });

  test("rows of other repositories are dropped from whatever the store returns", () => {
    const rows = [evaluation(), evaluation({ repository: "acme/secret" }), evaluation({ repository: "Acme/Device" })].map((entry, i) => ({ seq: i + 1, hash: "", entry }));
    expect(keepReadable(rows, readable).map((r) => r.entry.repository)).toEqual(["acme/device", "Acme/Device"]);
  });
});
