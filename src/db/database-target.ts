import { isAbsolute, resolve } from "node:path";
import { parse as parseConnectionString } from "pg-connection-string";
import { DatabaseError } from "./database-error.js";

/** Where soup-gate's own data lives: the embedded SQLite file, or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: "sqlite"; path: string; label: string }
  | { kind: "postgres"; url: string; label: string; secrets: string[] };

/** The SQLite file used when neither `SOUP_GATE_DB` nor `DATABASE_URL` is set, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = ".data/soup-gate.sqlite";

/**
 * PostgreSQL when `DATABASE_URL` is set (several replicas share it), else the SQLite file named by
 * `SOUP_GATE_DB`, else `.data/soup-gate.sqlite`; relative paths are resolved against `cwd`.
 * `label` names the target for messages and never holds a password.
 */
export function chooseDatabase(env: Readonly<Record<string, string | undefined>>, cwd: string): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return postgresTarget(url);
  const file = env.SOUP_GATE_DB?.trim() || DEFAULT_SQLITE_PATH;
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  return { kind: "sqlite", path, label: path };
}

function postgresTarget(url: string): DatabaseTarget {
  const scheme = /^(postgres|postgresql):\/\//i.exec(url)?.[1];
  // The value itself is never repeated: a malformed URL may still hold a password.
  if (!scheme) throw new DatabaseError("DATABASE_URL must be a URL such as postgresql://user:password@host:5432/database");
  // pg's own parser, so that what is masked is exactly what pg will send.
  const config = parseConnectionString(url);
  const secrets = [config.password, config.sslpassword]
    .filter((secret): secret is string => typeof secret === "string" && secret !== "")
    .flatMap((secret) => [secret, encodeURIComponent(secret)]);
  return { kind: "postgres", url, label: describeServer(scheme.toLowerCase(), config), secrets: [...new Set(secrets)] };
}

/** `postgresql://user:***@host:port/database`, rebuilt from the parsed parts so that no secret can slip through. */
function describeServer(scheme: string, config: ReturnType<typeof parseConnectionString>): string {
  const user = config.user ? `${config.user}${config.password ? ":***" : ""}@` : "";
  const host = config.host ?? "";
  const socket = host.startsWith("/");
  const server = socket ? "" : `${host.includes(":") ? `[${host}]` : host}${config.port ? `:${config.port}` : ""}`;
  const query = socket ? `?host=${host}${config.port ? `&port=${config.port}` : ""}` : "";
  return `${scheme}://${user}${server}/${config.database ?? ""}${query}`;
}

/** `text` with every secret of the target replaced by `***`: for messages that quote a driver's error. */
export function hideSecrets(target: DatabaseTarget, text: string): string {
  if (target.kind !== "postgres") return text;
  return target.secrets.reduce((out, secret) => out.split(secret).join("***"), text);
}
