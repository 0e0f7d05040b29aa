import fc from "fast-check";
import { findFormat } from "../../src/lockfiles/index.js";

const requirementsTxt = findFormat("requirements.txt")!;
import { FUZZ_OPTIONS } from "./runs.js";
import { FUZZ_TIMEOUT, loadAt } from "./lockfiles-loaded.js";

/**
 * The fail-open a fuzzer found: one byte of `torch==2.1.0` turned into `/` made `t/rch==2.1.0`, read as
 * a project folder and dropped, so the check reported "torch removed" and passed. Whatever byte of a
 * pinned line becomes a path character (`/`, `\`, `.`, `~`), the package stays, something new appears
 * (which needs a record), or the file is refused at that line.
 */
const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}([-_.][a-z0-9]{1,4})?$/);
const version = fc.tuple(fc.nat(30), fc.nat(30), fc.nat(30)).map((parts) => parts.join("."));
const pins = fc.uniqueArray(fc.tuple(name, version), { minLength: 1, maxLength: 8, selector: ([pinned]) => pinned.toLowerCase().replace(/[-_.]+/g, "-") });

test("a path character anywhere in a pinned line never drops the package silently", async () => {
  await fc.assert(
    fc.asyncProperty(pins, fc.nat(), fc.nat(), fc.constantFrom("/", "\\", ".", "~", "./", "../"), async (pinned, which, where, character) => {
      const lines = pinned.map(([pinnedName, pinnedVersion]) => `${pinnedName}==${pinnedVersion}`);
      const index = which % lines.length;
      const line = lines[index]!;
      const at = where % (line.length + 1);
      lines[index] = line.slice(0, at) + character + line.slice(at + (where % 2));
      const loaded = await loadAt(requirementsTxt, { "requirements.txt": `${lines.join("\n")}\n` }, "requirements.txt");
      if (!loaded.ok) {
        expect(loaded.line).toBe(index + 1);
        return;
      }
      const before = new Set(pinned.map(([pinnedName, pinnedVersion]) => `${pinnedName}@${pinnedVersion}`));
      const lost = [...before].filter((pair) => !loaded.packages.has(pair));
      const gained = [...loaded.packages.keys()].filter((pair) => !before.has(pair));
      expect(lost.length === 0 || gained.length > 0).toBe(true);
    }),
    FUZZ_OPTIONS,
  );
}, FUZZ_TIMEOUT);
