import { isRecordPath } from "../../src/records/is-record-path.js";

describe("isRecordPath", () => {
  it.each([
    ["docs/soup/timm.md", ["docs/soup"], true],
    ["docs/soup/vision/timm.mdx", ["docs/soup"], true],
    ["docs/soup/pyyaml.yml", ["docs/soup/"], true],
    ["docs/soup/pillow.yaml", ["./docs/soup"], true],
    ["docs/soup/TIMM.MD", ["docs/soup"], true],
    ["qms/soup/timm.md", ["docs/soup", "qms/soup"], true],
    ["timm.md", ["."], true],
    ["docs/soup-old/timm.md", ["docs/soup"], false],
    ["docs/soup.md", ["docs/soup"], false],
    ["docs/soup/timm.txt", ["docs/soup"], false],
    ["docs/soup/_category_.json", ["docs/soup"], false],
    ["other/docs/soup/timm.md", ["docs/soup"], false],
    ["docs/soup/timm.md", [], false],
  ])("%s under %j: %s", (path, roots, expected) => {
    expect(isRecordPath(path, roots)).toBe(expected);
  });
});
