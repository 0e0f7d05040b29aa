/** What a request log line must never hold: the history page's session, a token, an OAuth code. */
const SECRET_REQUEST_HEADERS = ["cookie", "authorization"];
const OAUTH_CODE = /([?&]code=)[^&\s"\\]+/g;
const REDACTED = "[redacted]";
const PATCHED = Symbol("soup-gate log redaction");

/**
 * Probot's request logger (pino-http) writes each request's headers — the history page's session cookie
 * among them — and its address, with the OAuth code on the sign-in callback, when logs are JSON
 * (`LOG_FORMAT=json`); the pretty format leaves them out. It serialises the request before any handler of
 * the App runs, so the secrets are taken out of the line on its way to the log's stream instead. Lines
 * without them are passed on untouched.
 */
export function redactLogLine(line: string): string {
  if (!/cookie|authorization|[?&]code=/i.test(line)) return line;
  let record: any;
  try {
    record = JSON.parse(line);
  } catch {
    return line.replace(OAUTH_CODE, `$1${REDACTED}`);
  }
  if (typeof record !== "object" || record === null) return line;
  const headers = record.req?.headers;
  if (headers && typeof headers === "object") {
    for (const name of Object.keys(headers)) if (SECRET_REQUEST_HEADERS.includes(name.toLowerCase())) headers[name] = REDACTED;
  }
  const sent = record.res?.headers;
  if (sent && typeof sent === "object") {
    for (const name of Object.keys(sent)) if (name.toLowerCase() === "set-cookie") sent[name] = REDACTED;
  }
  const text = JSON.stringify(record).replace(OAUTH_CODE, `$1${REDACTED}`);
  return line.endsWith("\n") ? `${text}\n` : text;
}

/**
 * Passes every line the logger (and every child of it, made before or after) writes through
 * `redactLogLine`. pino keeps its destination under a symbol shared by a logger and its children; a logger
 * that is not pino's is left as it is, and false says so.
 */
export function redactSecretsInLog(log: object): boolean {
  const stream = pinoStream(log);
  if (!stream || typeof stream.write !== "function") return false;
  if ((stream as Record<symbol, unknown>)[PATCHED]) return true;
  const write = stream.write.bind(stream);
  stream.write = (chunk: unknown, ...rest: unknown[]) => write(typeof chunk === "string" ? redactLogLine(chunk) : chunk, ...rest);
  (stream as Record<symbol, unknown>)[PATCHED] = true;
  return true;
}

function pinoStream(log: object): { write: (...args: any[]) => unknown } | undefined {
  for (let level: object | null = log; level; level = Object.getPrototypeOf(level)) {
    const symbol = Object.getOwnPropertySymbols(level).find((s) => s.description === "pino.stream");
    if (symbol) return (level as Record<symbol, any>)[symbol];
  }
  return undefined;
}
