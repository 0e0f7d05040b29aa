import type { ProbotOctokit } from "probot";

/** The client every file in src/github/ takes as a parameter: Probot's installation-authenticated Octokit. */
export type Octokit = ProbotOctokit;

/** A repository as the REST API names it. */
export interface Repo {
  owner: string;
  repo: string;
}
