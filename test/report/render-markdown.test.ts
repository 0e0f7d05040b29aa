import { defaultConfig } from "../../src/policy/config.js";
import { evaluate } from "../../src/policy/evaluate.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import type { Change } from "../../src/types.js";

const change = (name: string, overrides: Partial<Change> = {}): Change => ({
  ecosystem: "npm", name, kind: "added", from: null, to: "1.0.0", lockfile: "package-lock.json", line: 10, direct: true, dev: false, ...overrides,
});
const run = (changes: Change[]) => evaluate({ changes, records: [], config: defaultConfig(), today: "2026-11-26" });

describe("renderMarkdown", () => {
  it("gives each checked change a row with its status in words", () => {
    const text = renderMarkdown(run([change("zod")]), { link: (path, line) => `https://example.com/${path}#L${line}` });
    expect(text).toContain("| ❌ | npm | `zod` | added 1.0.0 | [package-lock.json#L10](https://example.com/package-lock.json#L10) | — | — | no SOUP record |");
  });

  it("escapes table cells so a name cannot break the table", () => {
    expect(renderMarkdown(run([change("a|b")]))).toContain("`a\\|b`");
  });

  it("degrades to fit the limit: unchecked rows collapse, then checked rows are cut with a count", () => {
    const many = run([
      ...Array.from({ length: 400 }, (_, i) => change(`pkg-${i}`)),
      ...Array.from({ length: 400 }, (_, i) => change(`dep-${i}`, { direct: false })),
    ]);
    const full = renderMarkdown(many, { maxLength: 1_000_000 });
    expect(full).toContain("<details><summary>400 changes not checked");
    const limited = renderMarkdown(many, { maxLength: 20_000, drafts: true });
    expect(limited.length).toBeLessThanOrEqual(20_000);
    expect(limited).toContain("_400 changes not checked by the policy (transitive, development only or ignored)._");
    expect(limited).toMatch(/_…and \d+ more checked changes, not listed to fit GitHub's size limit; the check run's annotations list every one\._/);
    expect(limited).not.toContain("#### Draft records");
    expect(limited).not.toContain("report truncated");
    expect(limited).toMatch(/- …and \d+ more, not listed to fit GitHub's size limit: see the check run's annotations\.\n$/);
  });
});
