import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CONFIG_PATH } from "../policy/config.js";
import type { Snapshot } from "../core/snapshot.js";
import { decodeText } from "../lockfiles/common/decode-text.js";
import { parseConfig, type Config } from "../policy/config.js";
import { readConfigText } from "../policy/read-config-text.js";
import type { Git, GitSnapshot } from "./git.js";
import { UsageError } from "./usage-error.js";

export interface LocalPolicyOptions {
  /** `--config FILE`: a policy file on disk instead of the one in the repository. */
  config?: string;
  /** `--records DIR`: a local clone of the records repository, when the policy sets `records.repository`. */
  records?: string;
}

export interface LocalPolicy {
  config: Config;
  /** Every bad key of the policy file; the defaults stand in for them (`config-invalid`). */
  configErrors: string[];
  /** Where the policy was read: the `--config` file, or its path in the repository (the default path when there is none). */
  configPath: string;
  /** `file`: --config; `commit`: the repository's policy file; `defaults`: the repository has none. */
  configSource: "file" | "commit" | "defaults";
  /** Where the records live: `recordsAt`, or the HEAD of the `--records` clone. */
  records: GitSnapshot;
  /** Whether `records` is `recordsAt` of this repository rather than another repository's clone. */
  recordsInRepository: boolean;
  /** The working tree that holds the records: the `--records` clone, when the policy names a records repository. */
  recordsClone?: string;
}

/**
 * The policy and the records of a local run, as every command reads them: `.github/soup.yml` at
 * `policyAt` (or `--config FILE`), and the records at `recordsAt` — or in the `--records` clone when
 * the policy keeps them in another repository.
 */
export async function loadLocalPolicy(options: LocalPolicyOptions, policyAt: Snapshot, recordsAt: GitSnapshot, git: Git): Promise<LocalPolicy> {
  const loaded = await loadConfig(options.config, async (path) => {
    const bytes = await policyAt.read(path);
    return bytes && decodeText(bytes);
  });
  const { config } = loaded.outcome;
  const base = {
    config,
    configErrors: loaded.outcome.ok ? [] : loaded.outcome.errors,
    configPath: loaded.path,
    configSource: loaded.source,
  };
  if (!config.records.repository) return { ...base, records: recordsAt, recordsInRepository: true };
  if (!options.records) throw new UsageError(`the policy reads records from ${config.records.repository}: pass --records DIR with a local clone of it`);
  const clone = resolve(options.records);
  return { ...base, records: git.snapshot(clone, await git.resolveCommit(clone, "HEAD")), recordsInRepository: false, recordsClone: clone };
}

async function loadConfig(
  file: string | undefined,
  readInRepository: (path: string) => Promise<string | undefined>,
): Promise<{ outcome: ReturnType<typeof readConfigText>; path: string; source: LocalPolicy["configSource"] }> {
  if (file) {
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read --config ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
    });
    return { outcome: readConfigText(text), path: file, source: "file" };
  }
  const text = await readInRepository(CONFIG_PATH);
  if (text !== undefined) return { outcome: readConfigText(text), path: CONFIG_PATH, source: "commit" };
  return { outcome: parseConfig(null), path: CONFIG_PATH, source: "defaults" };
}
