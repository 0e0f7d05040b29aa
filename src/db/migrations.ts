import { HISTORY_MIGRATIONS } from "../history/history-migrations.js";
import { JOB_MIGRATIONS } from "../jobs/job-migrations.js";
import type { SchemaMigration } from "./schema-migration.js";

/**
 * Every migration of soup-gate's database, whichever part of soup-gate owns the tables. Names sort in the
 * order they are applied (`0001_…`, `0002_…`); append a new set's migrations at the end, and never edit,
 * rename or reorder one that has shipped (a database that has applied it would refuse to start).
 */
export const MIGRATIONS: readonly SchemaMigration[] = [...HISTORY_MIGRATIONS, ...JOB_MIGRATIONS];
