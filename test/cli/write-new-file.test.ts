import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeNewFile } from "../../src/cli/write-new-file.js";

describe("writeNewFile", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "soup-gate-write-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a new file and leaves no temporary file behind", async () => {
    expect(await writeNewFile(join(dir, "timm.md"), "draft\n")).toBe("written");
    expect(readFileSync(join(dir, "timm.md"), "utf8")).toBe("draft\n");
    expect(readdirSync(dir)).toEqual(["timm.md"]);
  });

  it("never replaces a file that is already there", async () => {
    writeFileSync(join(dir, "timm.md"), "reviewed record\n");
    expect(await writeNewFile(join(dir, "timm.md"), "draft\n")).toBe("exists");
    expect(readFileSync(join(dir, "timm.md"), "utf8")).toBe("reviewed record\n");
    expect(readdirSync(dir)).toEqual(["timm.md"]);
  });

  it("fails when the folder does not exist, writing nothing", async () => {
    await expect(writeNewFile(join(dir, "missing", "timm.md"), "draft\n")).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
