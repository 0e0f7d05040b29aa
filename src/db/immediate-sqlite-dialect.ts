import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Kysely,
  type SqliteDialectConfig,
} from "kysely";

/**
 * Kysely's SQLite dialect with two changes that make SQLite safe for several processes on one file:
 *
 * - Every transaction starts with `BEGIN IMMEDIATE`, which takes the file's write lock at once (waiting
 *   up to the busy timeout). Kysely's plain `BEGIN` takes it only at the first write, so two processes
 *   that both read the chain head first would fail with SQLITE_BUSY instead of waiting their turn.
 * - Migrations run inside such a transaction. Kysely's SQLite adapter reports no transactional DDL and
 *   takes no lock (it assumes one process), so two processes starting at once could both apply a
 *   migration; SQLite does run DDL in transactions, and the write lock makes the second one wait and then
 *   find the migration already recorded.
 */
export class ImmediateSqliteDialect implements Dialect {
  constructor(private readonly config: SqliteDialectConfig) {}

  createDriver() {
    return new ImmediateSqliteDriver(this.config);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new TransactionalSqliteAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
