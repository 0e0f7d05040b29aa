import { sql, type Kysely } from "kysely";
import { describeError } from "../db/describe-error.js";
import type { Database } from "../db/open-database.js";
import { nameKey } from "../names.js";
import { ECOSYSTEMS } from "../types.js";
import { canonicalJson } from "./canonical-json.js";
import { chainHash, GENESIS_HASH } from "./chain-hash.js";
import type { ChainedEntry, ChainHead, HistoryEntry } from "./entry.js";
import type { HistoryTables } from "./history-tables.js";
import { indexEntry } from "./index-entry.js";
import type { HistoryFilter, HistoryStore } from "./store.js";
import { parseTimeBound } from "./time-bound.js";
import { UnreadableEntryError } from "./unreadable-entry-error.js";

/**
 * The history on SQLite or PostgreSQL, through one Kysely query layer. Appends serialise across
 * processes: on SQLite the transaction starts with `BEGIN IMMEDIATE` (the file's write lock), on
 * PostgreSQL it first locks `history_entries` in SHARE ROW EXCLUSIVE mode, which only one transaction can
 * hold at a time while readers go on. Taking that lock before any query also makes the head read after
 * it see every append committed before, whatever the isolation level. The primary key on `seq` would
 * refuse a second entry with the same number even if the lock were bypassed. Nothing here updates or
 * deletes a row.
 */
export class SqlHistoryStore implements HistoryStore {
  private readonly db: Kysely<HistoryTables>;

  constructor(
    private readonly database: Database,
    private readonly ownsDatabase = true,
  ) {
    this.db = database.kysely;
  }

  async append(entry: HistoryEntry): Promise<ChainHead> {
    const index = indexEntry(entry);
    const json = canonicalJson(entry);
    const { packages, ...columns } = index;
    try {
      return await this.db.transaction().execute(async (trx) => {
        if (this.database.dialect === "postgres") await sql`lock table history_entries in share row exclusive mode`.execute(trx);
        const last = await trx.selectFrom("history_entries").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
        const seq = (last?.seq ?? 0) + 1;
        const hash = chainHash(last?.hash ?? GENESIS_HASH, seq, JSON.parse(json) as HistoryEntry);
        await trx.insertInto("history_entries").values({ seq, hash, entry: json, ...columns }).execute();
        if (packages.length > 0 && columns.digest !== null) {
          await trx
            .insertInto("history_packages")
            .values(packages.map((p) => ({ seq, repository_key: columns.repository_key, digest: columns.digest as string, ...p })))
            .execute();
        }
        return { seq, hash };
      });
    } catch (error) {
      throw this.database.fail("cannot append to the history in", error);
    }
  }

  async head(): Promise<ChainHead | undefined> {
    try {
      return await this.db.selectFrom("history_entries").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
    } catch (error) {
      throw this.database.fail("cannot read the history in", error);
    }
  }

  async list(filter: HistoryFilter = {}): Promise<ChainedEntry[]> {
    if (filter.repositories?.length === 0 || filter.kinds?.length === 0) return [];
    let query = this.db.selectFrom("history_entries as e").select(["e.seq", "e.hash", "e.entry"]);
    if (filter.repositories) query = query.where("e.repository_key", "in", filter.repositories.map((r) => r.toLowerCase()));
    if (filter.repository !== undefined) query = query.where("e.repository_key", "=", filter.repository.toLowerCase());
    if (filter.kinds) query = query.where("e.kind", "in", [...filter.kinds]);
    if (filter.approver !== undefined) query = query.where("e.approver", "=", filter.approver.replace(/^@/, "").toLowerCase());
    if (filter.since !== undefined) query = query.where("e.at", ">=", parseTimeBound(filter.since, "since").at);
    if (filter.until !== undefined) {
      const bound = parseTimeBound(filter.until, "until");
      query = query.where("e.at", bound.exclusive ? "<" : "<=", bound.at);
    }
    if (filter.package !== undefined) {
      const name = filter.package;
      // The evaluations that checked the package, and the approvals, refusals, revocations and
      // invalidations of what those evaluations asked to approve (same repository, same digest).
      query = query.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("history_packages as p")
            .select(sql`1`.as("one"))
            .where((eb) =>
              eb.and([
                eb.or(ECOSYSTEMS.map((ecosystem) => eb.and([eb("p.ecosystem", "=", ecosystem), eb("p.name_key", "=", nameKey(ecosystem, name))]))),
                eb.or([
                  eb("p.seq", "=", eb.ref("e.seq")),
                  eb.and([
                    eb("e.kind", "<>", "evaluation"),
                    eb("p.repository_key", "=", eb.ref("e.repository_key")),
                    eb.or([eb("p.digest", "=", eb.ref("e.digest")), eb("p.digest", "=", eb.ref("e.to_digest"))]),
                  ]),
                ]),
              ]),
            ),
        ),
      );
    }
    let rows: Array<{ seq: number; hash: string; entry: string }>;
    try {
      rows = await query.orderBy("e.seq").execute();
    } catch (error) {
      throw this.database.fail("cannot read the history in", error);
    }
    return rows.map(readRow);
  }

  async *scan(): AsyncIterable<ChainedEntry> {
    const rows = this.db.selectFrom("history_entries").select(["seq", "hash", "entry"]).orderBy("seq").stream(500);
    const iterator = rows[Symbol.asyncIterator]();
    try {
      for (;;) {
        let next: IteratorResult<{ seq: number; hash: string; entry: string }>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw this.database.fail("cannot read the history in", error);
        }
        if (next.done) return;
        yield readRow(next.value);
      }
    } finally {
      // Ends the query (and, on SQLite, frees the one connection) when the reader stops early.
      await iterator.return?.();
    }
  }

  async close(): Promise<void> {
    if (this.ownsDatabase) await this.database.close();
  }
}

function readRow(row: { seq: number; hash: string; entry: string }): ChainedEntry {
  let entry: unknown;
  try {
    entry = JSON.parse(row.entry);
  } catch (error) {
    throw new UnreadableEntryError(row.seq, `its data is not valid JSON (${describeError(error)})`);
  }
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new UnreadableEntryError(row.seq, "its data is not a JSON object");
  return { seq: row.seq, hash: row.hash, entry: entry as HistoryEntry };
}
