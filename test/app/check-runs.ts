import type nock from "nock";
import { validBody } from "./openapi.js";

/** The App's id in the tests (Probot signs its JWT with it; GitHub stamps it on the App's check runs). */
export const APP_ID = 123;

/** A check run as GitHub stores it: what the App (or another app) wrote, merged update after update. */
export interface StoredRun {
  id: number;
  name: string;
  head_sha: string;
  external_id?: string;
  status?: string;
  conclusion?: string | null;
  output?: { title?: string; summary?: string; text?: string };
  actions?: Array<{ label: string; identifier: string; description: string }>;
  app: { id: number };
}

/**
 * The check runs of the stand-in repository. Creating and updating a run changes what later listings
 * return, so several events — each handled by a freshly started App — see one another's writes only
 * through GitHub, as replicas would.
 */
export class CheckRuns {
  readonly runs: StoredRun[] = [];

  constructor(
    private readonly scope: nock.Scope,
    private readonly repoPath: string,
    private readonly record: (method: string, path: string, body: any) => void,
  ) {}

  /** `POST /check-runs` for the run named `name` (at `headSha`, when given): GitHub answers with its id. */
  create(name: string, id: number, headSha?: string): void {
    const path = `${this.repoPath}/check-runs`;
    const matches = (body: StoredRun) => body.name === name && (!headSha || body.head_sha === headSha);
    this.scope
      .post(path, validBody("POST", path, (body: StoredRun) => (matches(body) ? void this.record("POST", path, body) : false)))
      .reply(201, (_uri, body) => {
        const run = { ...(body as Omit<StoredRun, "id" | "app">), id, app: { id: APP_ID } };
        this.runs.push(run);
        return { id, head_sha: run.head_sha, name, app: { id: APP_ID, slug: "soup-gate" } };
      });
  }

  /** `PATCH /check-runs/{id}`, `times` times: each update replaces the output, as GitHub's does. */
  update(id: number, times = 1): void {
    const path = `${this.repoPath}/check-runs/${id}`;
    for (let i = 0; i < times; i += 1) {
      this.scope.patch(path, validBody("PATCH", path, (body) => void this.record("PATCH", path, body))).reply(200, (_uri, body) => {
        const run = this.runs.find((r) => r.id === id);
        if (run) Object.assign(run, body);
        return { id };
      });
    }
  }

  /** A run some other app or a workflow wrote (anyone with write access can name a run anything). */
  forge(run: Omit<StoredRun, "app"> & { appId: number }): void {
    const { appId, ...rest } = run;
    this.runs.push({ ...rest, app: { id: appId } });
  }

  /**
   * `GET /commits/{ref}/check-runs?check_name=SOUP approval&app_id=…&filter=all`, answered from what is
   * stored now. `appFilter: false` answers as if GitHub had not applied the app filter, to show that the
   * App checks each run's app itself.
   */
  listApprovalRuns(ref: string, options: { appFilter?: boolean } = {}): void {
    this.list("SOUP approval", ref, options);
  }

  /** `GET /commits/{ref}/check-runs?check_name=…&app_id=…&filter=all`, for any of the App's two names. */
  list(name: "SOUP records" | "SOUP approval", ref: string, options: { appFilter?: boolean } = {}): void {
    const query = { check_name: name, app_id: String(APP_ID), filter: "all", per_page: "100" };
    this.scope
      .get(`${this.repoPath}/commits/${ref}/check-runs`)
      .query(query)
      .reply(200, () => {
        const found = this.runs.filter((r) => r.head_sha === ref && r.name === query.check_name && (options.appFilter === false || r.app.id === APP_ID)).map((r) => this.resource(r));
        return { total_count: found.length, check_runs: found };
      });
  }

  latest(name: string, headSha: string): StoredRun | undefined {
    return this.runs.filter((r) => r.name === name && r.head_sha === headSha && r.app.id === APP_ID).sort((a, b) => b.id - a.id)[0];
  }

  private resource(run: StoredRun) {
    const { actions: _, ...rest } = run;
    return {
      ...rest,
      external_id: run.external_id ?? null,
      conclusion: run.conclusion ?? null,
      output: { title: run.output?.title ?? null, summary: run.output?.summary ?? null, text: run.output?.text ?? null, annotations_count: 0, annotations_url: "" },
      pull_requests: [],
    };
  }
}
