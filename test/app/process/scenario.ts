import { FakeRepo } from "../fake-repo.js";
import { record, requirements } from "../fixtures.js";
import type { GitHubServer } from "../github-server.js";
import { pullRequestEvent } from "../payloads.js";
import type { Delivery } from "./app-process.js";
import type { GitHubHttpStandIn } from "./github-http-stand-in.js";

/** One pull request of a scenario: its repository's GitHub, and each head it is pushed to, in order. */
export interface ScenarioPull {
  github: GitHubServer;
  installationId: number;
  number: number;
  base: string;
  heads: string[];
}

const TIMM = "docs/soup/timm.md";

/**
 * `repositories` repositories of `perRepository` pull requests each, every one bumping `timm` to a version
 * its record covers and pushed `pushes` more times after it was opened (each push changes the lockfile
 * again). Each repository is its own installation when `installations` says so, as when several
 * organisations install the App.
 */
export function scenario(standIn: GitHubHttpStandIn, options: { repositories: number; perRepository: number; pushes: number; installations?: "one" | "each" }): ScenarioPull[] {
  const reviewed = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const pulls: ScenarioPull[] = [];
  for (let r = 0; r < options.repositories; r += 1) {
    const repo = new FakeRepo("acme", `device-${r}`);
    const github = standIn.add(repo);
    github.config = null;
    const base = repo.commit({ "requirements.txt": requirements({ timm: "1.0.22" }), [TIMM]: record("timm", ["1.0.22", "1.0.23", "1.0.24", "1.0.25"], { reviewed }) });
    for (let n = 1; n <= options.perRepository; n += 1) {
      const heads: string[] = [];
      let previous = base;
      for (let k = 0; k <= options.pushes; k += 1) {
        previous = repo.commit({ "requirements.txt": requirements({ timm: `1.0.2${3 + ((n + k) % 3)}` }), [`changes/${n}.txt`]: `push ${k}\n` }, previous);
        heads.push(previous);
      }
      pulls.push({ github, installationId: options.installations === "each" ? 100 + r : 2, number: n, base, heads });
    }
  }
  return pulls;
}

/** The delivery of push `k` of a pull request (0: it was opened), under the delivery id `id`. */
export function pushDelivery(pull: ScenarioPull, k: number, id: string): Delivery {
  const { repo } = pull.github;
  const event = pullRequestEvent({
    action: k === 0 ? "opened" : "synchronize",
    number: pull.number,
    head: pull.heads[k]!,
    base: pull.base,
    owner: repo.owner,
    repo: repo.name,
    ...(k > 0 ? { before: pull.heads[k - 1]! } : {}),
  });
  event.payload.installation = { ...event.payload.installation, id: pull.installationId };
  pull.github.pull(pull.number, pull.heads[k]!, pull.base);
  return { id, name: event.name, payload: event.payload };
}

/** What a user sees on a head: its runs of one check, by status and conclusion. */
export function runsOf(pull: ScenarioPull, name: "SOUP records" | "SOUP approval", head: string) {
  return pull.github.runs.filter((r) => r.name === name && r.head_sha === head);
}

/** Both checks completed on the pull request's last head, and no run of any head left in progress. */
export function settled(pull: ScenarioPull): boolean {
  const last = pull.heads.at(-1)!;
  const done = (name: "SOUP records" | "SOUP approval") => runsOf(pull, name, last).some((r) => r.status === "completed");
  return done("SOUP records") && done("SOUP approval") && pull.heads.every((head) => runsOf(pull, "SOUP records", head).every((r) => r.status === "completed"));
}

export function describePulls(pulls: ScenarioPull[]): string {
  return pulls
    .filter((p) => !settled(p))
    .map((p) => `${p.github.repo.name}#${p.number}: ${JSON.stringify(p.heads.map((h) => [...runsOf(p, "SOUP records", h), ...runsOf(p, "SOUP approval", h)].map((r) => `${r.name} ${r.status}`)))}`)
    .join("; ");
}
