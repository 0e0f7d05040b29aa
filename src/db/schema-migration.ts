import type { Kysely } from "kysely";

export type DialectName = "sqlite" | "postgres";

/**
 * One step of soup-gate's database schema. Migrations are applied in the order of their names
 * (`0001_…`, `0002_…`), each once, recorded in `soup_gate_migrations`; a step that needs different SQL on
 * the two databases branches on `dialect`. Each set of tables (the history, later the work queue) brings
 * its own migrations and lists them in `migrations.ts`; no migration ever edits another set's tables.
 */
export interface SchemaMigration {
  name: string;
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}
