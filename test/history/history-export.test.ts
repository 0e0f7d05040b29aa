import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../../src/cli/main.js";
import type { ChainHead, HistoryEntry } from "../../src/history/entry.js";
import { openHistoryStore } from "../../src/history/open-history-store.js";
import { parseCsv } from "../cli/parse-csv.js";
import { approval, change, evaluation, invalidation, refusal } from "./entries.js";
import { auditorHash } from "./sorted-json.js";
import { DATABASES, type TestDatabase } from "./test-databases.js";

const ENTRIES: HistoryEntry[] = [
  /* 1 */ evaluation({ pullRequestTitle: '=HYPERLINK("https://evil.example","Bump timm")' }),
  /* 2 */ refusal(),
  /* 3 */ approval({ reason: "reviewed, anomaly list checked" }),
  /* 4 */ evaluation({ repository: "legit-health/web", pullRequest: 7, at: "2026-11-25T09:00:00.000Z", digest: "d3", conclusion: "success", findings: [], changes: [change({ ecosystem: "npm", name: "@babel/core", from: "7.26.0", to: "7.26.9", lockfile: "package-lock.json", line: 120, record: "docs/soup/babel-core.md" })] }),
  /* 5 */ invalidation({ at: "2026-11-26T08:00:00.000Z" }),
];

interface ExportJson {
  filter: Record<string, unknown>;
  entries: Array<{ seq: number; hash: string; entry: HistoryEntry }>;
}

describe.each(DATABASES)("soup-gate history export on %s", (_name, createDatabase) => {
  let db: TestDatabase | undefined;
  let heads: ChainHead[] = [];
  const run = (...args: string[]) => cli(["history", "export", ...args], { env: db!.env, cwd: tmpdir() });

  beforeEach(async () => {
    db = undefined;
    db = await createDatabase();
    const store = await openHistoryStore(db.env);
    try {
      heads = [];
      for (const entry of ENTRIES) heads.push(await store.append(entry));
    } finally {
      await store.close();
    }
  });
  afterEach(async () => {
    await db?.dispose();
  });

  it("exports every entry as JSON, exactly as hashed, so that the chain can be recomputed from the file alone", async () => {
    const result = await run("--format", "json");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const exported = JSON.parse(result.stdout) as ExportJson;
    expect(exported.filter).toEqual({ repository: null, repositories: null, package: null, approver: null, kinds: null, since: null, until: null });
    expect(exported.entries.map((e) => e.entry)).toEqual(ENTRIES);
    expect(exported.entries.map(({ seq, hash }) => ({ seq, hash }))).toEqual(heads);
    let previous = "0".repeat(64);
    for (const { seq, hash, entry } of exported.entries) {
      expect(auditorHash(previous, seq, entry)).toBe(hash);
      previous = hash;
    }
  });

  it("narrows the JSON by package, repository, approver and dates, and says how", async () => {
    const result = await run("--format", "json", "--package", "Torch_Vision", "--repo", "Legit-Health/Device", "--since", "2026-11-24", "--until", "2026-11-25");
    const exported = JSON.parse(result.stdout) as ExportJson;
    expect(exported.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(exported.filter).toMatchObject({ package: "Torch_Vision", repository: "Legit-Health/Device", since: "2026-11-24", until: "2026-11-25" });
    const byApprover = JSON.parse((await run("--format", "json", "--approver", "@qa-lead")).stdout) as ExportJson;
    expect(byApprover.entries.map((e) => e.seq)).toEqual([3, 5]);
  });

  it("exports CSV for a spreadsheet: BOM, CRLF, one row per entry, formulas disarmed", async () => {
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("\uFEFFSeq,Time (UTC),Kind,Repository,Pull request,Title,")).toBe(true);
    const [header, ...rows] = parseCsv(result.stdout.slice(1));
    const cell = (row: string[], column: string) => row[header!.indexOf(column)];
    expect(rows.map((row) => [cell(row, "Seq"), cell(row, "Kind"), cell(row, "Repository"), cell(row, "Pull request")])).toEqual([
      ["1", "evaluation", "legit-health/device", "42"],
      ["2", "refusal", "legit-health/device", "42"],
      ["3", "approval", "legit-health/device", "42"],
      ["4", "evaluation", "legit-health/web", "7"],
      ["5", "invalidation", "legit-health/device", "42"],
    ]);
    const [evaluationRow, refusalRow, approvalRow, webRow, invalidationRow] = rows as [string[], string[], string[], string[], string[]];
    expect(cell(evaluationRow, "Title")).toBe(`'=HYPERLINK("https://evil.example","Bump timm")`);
    expect(cell(evaluationRow, "Changes")).toBe(
      "pypi timm 1.0.22 → 1.0.24, services/inference/requirements_lock.txt:2, record docs/soup/timm.md\n" +
        "pypi Torch_Vision added 0.20.1, services/inference/requirements_lock.txt:3, no record",
    );
    expect(cell(evaluationRow, "Findings")).toBe("failure missing-record: torch-vision 0.20.1 has no SOUP record. (services/inference/requirements_lock.txt:3)");
    expect(cell(evaluationRow, "Conclusion")).toBe("failure");
    expect(cell(evaluationRow, "Hash")).toBe(heads[0]!.hash);
    expect([cell(refusalRow, "Actor"), cell(refusalRow, "Command"), cell(refusalRow, "Via"), cell(refusalRow, "Reason")]).toEqual(["dev-author", "approve", "comment", "the pull request's author cannot approve it"]);
    expect([cell(approvalRow, "Approver"), cell(approvalRow, "Basis"), cell(approvalRow, "Time (UTC)"), cell(approvalRow, "Check run")]).toEqual([
      "QA-Lead",
      "member of team qa",
      "2026-11-24T11:15:00.000Z",
      "https://github.com/legit-health/device/runs/1002",
    ]);
    expect(cell(webRow, "Changes")).toBe("npm @babel/core 7.26.0 → 7.26.9, package-lock.json:120, record docs/soup/babel-core.md");
    expect([cell(invalidationRow, "Approver"), cell(invalidationRow, "Digest"), cell(invalidationRow, "New digest")]).toEqual(["QA-Lead", invalidation().fromDigest, invalidation().toDigest]);
  });

  it("exports only the header when nothing matches", async () => {
    const result = await run("--package", "left-pad");
    expect(parseCsv(result.stdout.slice(1))).toHaveLength(1);
  });
});

describe("soup-gate history export with options it cannot use", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "soup-gate-export-"));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string[], string]>([
    [["--since", "2026-13-01"], '--since must be a date as YYYY-MM-DD or a timestamp such as 2026-11-26T09:30:00Z, not "2026-13-01"'],
    [["--until", "last Friday"], '--until must be a date as YYYY-MM-DD or a timestamp such as 2026-11-26T09:30:00Z, not "last Friday"'],
    [["--since", "2026-11-26", "--until", "2026-11-25"], "--since 2026-11-26 is after --until 2026-11-25: nothing could match"],
    [["--format", "xlsx"], '--format must be csv or json, not "xlsx"'],
    [["--repo", "device"], '--repo must be owner/name, not "device"'],
    [["--package", " "], "--package needs a value"],
    [["--approver"], "Option '--approver <value>' argument missing"],
    [["--branch", "main"], "Unknown option '--branch'"],
  ])("exits 2 on %j before opening the history", async (args, message) => {
    const path = join(dir, "history.sqlite");
    const result = await cli(["history", "export", ...args], { env: { SOUP_GATE_DB: path }, cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toContain(message);
    expect(existsSync(path)).toBe(false);
  });

  it.each<[string[], string]>([
    [[], "history needs a command: verify or export"],
    [["list"], 'unknown history command "list": use verify or export'],
  ])("exits 2 on history %j", async (args, message) => {
    expect(await cli(["history", ...args], { env: {}, cwd: dir })).toEqual({ code: 2, stdout: "", stderr: `soup-gate: ${message}\nRun \`soup-gate help\` for usage.\n` });
  });

  it("documents both commands in the help", async () => {
    const { stdout } = await cli(["help"]);
    expect(stdout).toContain("soup-gate history verify");
    expect(stdout).toContain("soup-gate history export [--repo OWNER/NAME] [--package NAME] [--approver LOGIN] [--since DATE]");
  });
});
