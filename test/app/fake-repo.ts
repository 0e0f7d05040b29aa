import { createHash } from "node:crypto";
import type nock from "nock";

/** A git blob id, as git computes it: sha1 over "blob <byte length>\0<content>". */
export function blobSha(content: string): string {
  return createHash("sha1").update(`blob ${Buffer.byteLength(content)}\0`).update(content).digest("hex");
}

/**
 * A tiny in-test "git repository": commits are maps of path → content, blobs carry their real git ids, and
 * the repository answers GitHub's tree and blob requests through nock, each one exactly once unless told.
 */
export class FakeRepo {
  private readonly commits = new Map<string, Map<string, string>>();
  private readonly parents = new Map<string, string>();
  private readonly contents = new Map<string, string>();

  constructor(
    readonly owner = "acme",
    readonly name = "device",
  ) {}

  get path(): string {
    return `/repos/${this.owner}/${this.name}`;
  }

  /** Records a commit with these files (a `null` content removes the path from `parent`); returns its sha. */
  commit(files: Record<string, string | null>, parent?: string): string {
    const tree = new Map(parent ? this.files(parent) : []);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) tree.delete(path);
      else tree.set(path, content);
    }
    const sha = createHash("sha1").update(JSON.stringify([parent ?? "", ...[...tree].sort()])).digest("hex");
    this.commits.set(sha, tree);
    if (parent) this.parents.set(sha, parent);
    for (const content of tree.values()) this.contents.set(blobSha(content), content);
    return sha;
  }

  files(commit: string): Map<string, string> {
    const tree = this.commits.get(commit);
    if (!tree) throw new Error(`no commit ${commit}`);
    return tree;
  }

  /** The content of a blob of any commit, by its git id. */
  blob(sha: string): string | undefined {
    return this.contents.get(sha);
  }

  /** The commit and its ancestors, newest first. */
  history(commit: string): string[] {
    const line = [commit];
    for (let parent = this.parents.get(commit); parent; parent = this.parents.get(parent)) line.push(parent);
    return line;
  }

  /** The newest commit both descend from, as `git merge-base` finds it. */
  mergeBase(a: string, b: string): string | undefined {
    const ofA = new Set(this.history(a));
    return this.history(b).find((commit) => ofA.has(commit));
  }

  /** `GET /git/trees/{commit}?recursive=1`, as GitHub answers it (blobs and the folders above them). */
  tree(commit: string): object {
    const entries = new Map<string, object>();
    for (const [path, content] of [...this.files(commit)].sort(([a], [b]) => a.localeCompare(b))) {
      const parts = path.split("/");
      for (let i = 1; i < parts.length; i += 1) {
        const folder = parts.slice(0, i).join("/");
        if (!entries.has(folder)) entries.set(folder, { path: folder, mode: "040000", type: "tree", sha: createHash("sha1").update(`tree ${commit} ${folder}`).digest("hex") });
      }
      entries.set(path, { path, mode: "100644", type: "blob", sha: blobSha(content), size: Buffer.byteLength(content) });
    }
    return { sha: createHash("sha1").update(`tree ${commit}`).digest("hex"), url: `https://api.github.com${this.path}/git/trees/${commit}`, tree: [...entries.values()], truncated: false };
  }

  serveTree(scope: nock.Scope, commit: string): this {
    scope.get(`${this.path}/git/trees/${commit}`).query({ recursive: "1" }).reply(200, this.tree(commit));
    return this;
  }

  /** Answers the raw-blob request for each of these paths of `commit`, once each. */
  serveBlobs(scope: nock.Scope, commit: string, paths: readonly string[]): this {
    const files = this.files(commit);
    for (const path of paths) {
      const content = files.get(path);
      if (content === undefined) throw new Error(`no ${path} in ${commit}`);
      scope
        .get(`${this.path}/git/blobs/${blobSha(content)}`)
        .matchHeader("accept", "application/vnd.github.raw+json")
        .reply(200, content, { "content-type": "application/vnd.github.raw+json; charset=utf-8" });
    }
    return this;
  }
}
