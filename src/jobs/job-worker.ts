import { describeError } from "../db/describe-error.js";
import type { Job } from "./job.js";
import type { JobStore } from "./job-store.js";

export interface JobWorkerOptions {
  store: () => Promise<JobStore>;
  /** This process, as it signs its leases. */
  owner: string;
  /** How long a claim holds before another process may take the job; renewed every third of it. */
  leaseMs: number;
  /** Jobs this process works at once from its polling (work started by a delivery comes on top). */
  concurrency: number;
  /** How long a job waits after its n-th failed attempt. */
  backoffMs: (attempts: number) => number;
  now: () => number;
  /** Does the job's work; returns once its checks are completed, throws to be tried again later. */
  work: (job: Job) => Promise<void>;
  log: { error: (fields: object, message: string) => void };
  /** An attempt's error in one line, as the job keeps it and the log says it. */
  describe: (error: unknown) => string;
}

/**
 * Works the stored jobs: the one a delivery just stored (`runNow`), and, when started, whatever is due —
 * work another process left when it stopped, attempts waiting out their backoff, heads that replaced the
 * one being worked. A job leaves the store only when its work returned; a failed attempt waits and is
 * tried again, in this process or another.
 */
export class JobWorker {
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** The last failure to poll, logged once a minute while it lasts rather than at every poll. */
  private pollFailure = { message: "", at: 0 };

  constructor(private readonly options: JobWorkerOptions) {}

  /** Looks for due work now and every `pollMs`; the timer keeps no process alive. */
  start(pollMs: number): void {
    this.timer ??= setInterval(() => void this.poll(), pollMs);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Works the job stored under `key` now, unless another attempt holds it or it waits out a backoff. */
  async runNow(key: string): Promise<void> {
    const { store, owner, now, leaseMs } = this.options;
    const job = await (await store()).claim(owner, now(), leaseMs, key);
    if (job) await this.run(job);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    const { store, owner, now, leaseMs, concurrency, log } = this.options;
    try {
      while (this.running.size < concurrency) {
        const job = await (await store()).claim(owner, now(), leaseMs);
        if (!job) break;
        const attempt = this.run(job).finally(() => {
          this.running.delete(attempt);
          if (this.timer) void this.poll();
        });
        this.running.add(attempt);
      }
    } catch (error) {
      const message = `soup-gate could not look for work in its database: ${describeError(error)}`;
      if (message !== this.pollFailure.message || now() - this.pollFailure.at >= 60_000) {
        log.error({ err: error }, message);
        this.pollFailure = { message, at: now() };
      }
    } finally {
      this.polling = false;
    }
  }

  /** One attempt, then the newer head that replaced it meanwhile, if any, while the lease is ours. */
  private async run(first: Job): Promise<void> {
    const { store, owner, now, leaseMs, backoffMs, work, log, describe } = this.options;
    const jobs = await store();
    for (let job: Job | undefined = first; job; ) {
      const claimed: Job = job;
      const renewal = setInterval(() => void jobs.renew(claimed, owner, now(), leaseMs).catch(() => {}), leaseMs / 3);
      renewal.unref();
      try {
        await work(claimed);
        await jobs.finish(claimed, owner);
      } catch (error) {
        const reason = describe(error);
        log.error({ err: error, job: claimed.key, head: claimed.headSha, attempt: claimed.attempts }, `soup-gate will try ${claimed.key} at ${claimed.headSha.slice(0, 7)} again: ${reason}`);
        await jobs.retryLater(claimed, owner, now() + backoffMs(claimed.attempts), reason).catch((e: unknown) => log.error({ err: e }, `soup-gate could not record the failed attempt: ${describeError(e)}`));
      } finally {
        clearInterval(renewal);
      }
      job = await jobs.claim(owner, now(), leaseMs, claimed.key).catch(() => undefined);
    }
  }
}
