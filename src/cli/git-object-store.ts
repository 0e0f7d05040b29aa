import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { clip } from "../text/clip.js";

/** How the command line starts git: in `repo`, with these arguments, its three streams piped. */
export type GitRunner = (repo: string, args: string[]) => ChildProcessWithoutNullStreams;

/** One object as git stores it. */
export interface GitObject {
  sha: string;
  /** `blob`, `tree`, `commit` or `tag`. */
  type: string;
  content: Buffer;
}

/** Every object of one repository, read through one `git cat-file --batch` that lives as long as the command. */
export interface ObjectStore {
  /**
   * The object each name names — a sha, or anything `git rev-parse` reads, such as `main^{commit}` —
   * or undefined when it names none. Names asked for together are written to git together.
   */
  read(names: readonly string[]): Promise<Array<GitObject | undefined>>;
  /** Lets git end once it has answered what was asked. */
  close(): void;
}

interface Waiting {
  name: string;
  resolve: (object: GitObject | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * One `git cat-file --batch` process per command and repository, started with the first read: a request is
 * a line on its input, an answer `<sha> <type> <size>\n<content>\n` (or `<name> missing\n`) on its output,
 * in order. A command's every read — the commits its refs name, the policy, both lockfiles, the records —
 * then costs one process in all, and no read waits for a process to start.
 */
export function openObjectStore(repo: string, run: GitRunner): ObjectStore {
  let child: ChildProcessWithoutNullStreams | undefined;
  let failure: Error | undefined;
  const waiting: Waiting[] = [];
  const stderr: Buffer[] = [];
  // The answer being read: its header, then its content as it arrives.
  let header: Buffer | undefined;
  let current: { waiter: Waiting; object: GitObject; filled: number } | undefined;

  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  // While nothing is asked, the process must not keep node running: a command that stops early (an error)
  // still exits, and git ends when its input closes with node.
  const hold = (held: boolean) => {
    // A spawned process's pipes are sockets, which can be unreferenced; other streams have nothing to let go.
    for (const handle of [child, child?.stdout, child?.stdin] as Array<{ ref?(): void; unref?(): void } | undefined>) {
      if (held) handle?.ref?.();
      else handle?.unref?.();
    }
  };

  const start = (): ChildProcessWithoutNullStreams => {
    const started = run(repo, ["cat-file", "--batch"]);
    started.stdout.on("data", (chunk: Buffer) => {
      try {
        take(chunk);
      } catch (error) {
        fail(error as Error);
        started.kill();
      }
    });
    started.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    started.on("error", (error) => fail(new Error(`git cat-file failed: ${error.message}`)));
    started.on("close", (code) => {
      const said = Buffer.concat(stderr).toString("utf8").trim();
      fail(new Error(`git cat-file failed: ${clip(said || `exit status ${code}`, 2000)}`));
    });
    // git may stop reading before the end of its input; its exit status then says why.
    started.stdin.on("error", () => undefined);
    return started;
  };

  const take = (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      if (current) {
        const { object } = current;
        // The content, then the newline after it.
        const wanted = object.content.length + 1 - current.filled;
        const taken = Math.min(wanted, chunk.length - at);
        const contentEnd = Math.min(at + taken, at + object.content.length - current.filled);
        if (contentEnd > at) chunk.copy(object.content, current.filled, at, contentEnd);
        current.filled += taken;
        at += taken;
        if (current.filled === object.content.length + 1) {
          const done = current;
          current = undefined;
          answered(done.waiter, done.object);
        }
        continue;
      }
      const end = chunk.indexOf(0x0a, at);
      if (end === -1) {
        header = header ? Buffer.concat([header, chunk.subarray(at)]) : chunk.subarray(at);
        return;
      }
      const line = (header ? Buffer.concat([header, chunk.subarray(at, end)]) : chunk.subarray(at, end)).toString("utf8");
      header = undefined;
      at = end + 1;
      const waiter = waiting[0];
      if (!waiter) throw new Error(`git cat-file answered what was not asked: ${clip(line, 200)}`);
      const found = /^([0-9a-f]{40,64}) ([a-z]+) (\d+)$/.exec(line);
      if (!found) {
        if (!line.endsWith(" missing") && !line.endsWith(" ambiguous")) throw new Error(`git cat-file gave an answer it should not: ${clip(line, 200)}`);
        answered(waiter, undefined);
        continue;
      }
      const size = Number(found[3]);
      // Content that is already here whole is taken as it is, without a copy.
      if (end + 1 + size < chunk.length) {
        at += size + 1;
        answered(waiter, { sha: found[1]!, type: found[2]!, content: chunk.subarray(end + 1, end + 1 + size) });
        continue;
      }
      current = { waiter, object: { sha: found[1]!, type: found[2]!, content: Buffer.allocUnsafe(size) }, filled: 0 };
    }
  };

  const answered = (waiter: Waiting, object: GitObject | undefined) => {
    waiting.shift();
    if (waiting.length === 0) hold(false);
    waiter.resolve(object);
  };

  return {
    read(names) {
      if (failure) return Promise.reject(failure);
      const bad = names.find((name) => /[\n\0]/.test(name));
      if (bad !== undefined) return Promise.reject(new Error(`git cannot be asked for ${JSON.stringify(bad)}: a name holds a line break`));
      child ??= start();
      if (names.length === 0) return Promise.resolve([]);
      const answers = names.map((name) => new Promise<GitObject | undefined>((resolve, reject) => waiting.push({ name, resolve, reject })));
      hold(true);
      child.stdin.write(`${names.join("\n")}\n`);
      return Promise.all(answers);
    },
    close() {
      child?.stdin.end();
    },
  };
}
