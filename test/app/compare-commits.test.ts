import { describe, expect, test } from "@jest/globals";
import { changedPaths, treeAfter, type ChangedFile } from "../../src/github/compare-commits.js";

const base = [
  { path: "package-lock.json", sha: "l1", size: 10 },
  { path: "docs/soup/old-name.md", sha: "r1", size: 5 },
  { path: "docs/soup/template.md", sha: "t1", size: 5 },
  { path: "README.md", sha: "m1", size: 5 },
];
const file = (path: string, status: ChangedFile["status"], sha: string | null, previousPath?: string): ChangedFile => ({ path, status, sha, ...(previousPath ? { previousPath } : {}) });

describe("the head's files from the merge base's tree and the comparison", () => {
  const files = [
    file("package-lock.json", "modified", "l2"),
    file("docs/soup/new-name.md", "renamed", "r1", "docs/soup/old-name.md"),
    file("docs/soup/timm.md", "copied", "t1", "docs/soup/template.md"),
    file("README.md", "removed", "m1"),
    file("requirements.txt", "added", "q1"),
  ];

  test("added, modified, renamed, copied and removed files, as a tree request for head would list them", () => {
    expect(new Map(treeAfter(base, files)!.map((e) => [e.path, e.sha]))).toEqual(
      new Map([
        ["package-lock.json", "l2"],
        ["docs/soup/template.md", "t1"],
        ["docs/soup/new-name.md", "r1"],
        ["docs/soup/timm.md", "t1"],
        ["requirements.txt", "q1"],
      ]),
    );
  });

  test("a rename changes both names; a copy only the new one", () => {
    expect(changedPaths(files)).toEqual(["package-lock.json", "docs/soup/new-name.md", "docs/soup/old-name.md", "docs/soup/timm.md", "README.md", "requirements.txt"]);
  });

  test("a changed file without its blob id: the head tree has to be read", () => {
    expect(treeAfter(base, [file("vendor/lib", "modified", null)])).toBeUndefined();
  });
});
