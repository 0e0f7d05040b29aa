import type { Context } from "probot";
import { CONFIG_PATH, parseConfig, type Config } from "../policy/config.js";
import { gitBlobSha } from "./git-blob-sha.js";

export interface Policy {
  config: Config;
  /** Why `.github/soup.yml` is invalid (every bad key), empty when it is valid or absent. */
  errors: string[];
  /** The git blob id of the repository's own `.github/soup.yml` as read; null when it has none (for the history). */
  blob?: string | null;
}

const CONTENTS = "/repos/{owner}/{repo}/contents/{path}";

const PLUGIN_PREFIX = "[@probot/octokit-plugin-config] ";

/**
 * The policy from `.github/soup.yml` on the default branch, through Probot's `context.config()`: org-wide
 * defaults from the owner's `.github` repository and `_extends` chains included, so a pull request can never
 * weaken its own gate. A file that cannot be read as YAML is an invalid policy (a finding), not a crash.
 */
export async function loadPolicy(context: Pick<Context, "config" | "octokit" | "repo">): Promise<Policy> {
  // The config plugin does not say which file it read: its answer for this repository's file is hashed as it passes.
  const { owner, repo } = context.repo();
  let blob: string | null = null;
  const read = (response: { data: unknown }, options: { url?: string; owner?: string; repo?: string; path?: string }) => {
    if (options.url === CONTENTS && options.path === CONFIG_PATH && options.owner === owner && options.repo === repo && typeof response.data === "string") {
      blob = gitBlobSha(Buffer.from(response.data, "utf8"));
    }
  };
  context.octokit.hook.after("request", read);
  let raw: unknown;
  try {
    raw = await context.config("soup.yml");
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith(PLUGIN_PREFIX)) throw error;
    return { config: parseConfig(null).config, errors: [describeConfigError(error)], blob };
  } finally {
    context.octokit.hook.remove("request", read);
  }
  const outcome = parseConfig(raw);
  return { config: outcome.config, errors: outcome.ok ? [] : outcome.errors, blob };
}

/** "Configuration could not be parsed from acme/app .github/soup.yml (invalid YAML): <what the parser said>". */
function describeConfigError(error: Error): string {
  const message = error.message
    .slice(PLUGIN_PREFIX.length)
    .replace(/https?:\/\/\S+?\/repos\/([^/\s]+)\/([^/\s]+)\/contents\/([^\s?)]+)(\?\S*)?/g, (_, owner: string, repo: string, path: string) => `${owner}/${repo} ${decodeURIComponent(path)}`);
  // The YAML parser's first line says what and where ("… at line 3, column 1:"); a code excerpt follows it.
  const cause = error.cause instanceof Error ? error.cause.message.split("\n")[0]!.replace(/:$/, "") : undefined;
  return cause ? `${message}: ${cause}` : message;
}
