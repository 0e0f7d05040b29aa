import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type nock from "nock";
import { checkGraphqlRequest } from "./graphql-schema.js";

// Checks every request the App sends against GitHub's OpenAPI description (the committed extract made by
// scripts/extract-openapi.mjs) and against limits GitHub documents only in prose.

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: { type?: string; enum?: string[] };
  description?: string;
}

interface Operation {
  operationId: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; schema: object };
  responses: string[];
}

const extract = JSON.parse(readFileSync(new URL("../fixtures/openapi/api.github.com-23.0.2.json", import.meta.url), "utf8")) as { operations: Record<string, Operation> };
// ajv-formats is CommonJS: under ESM its function is the default export's default.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const validators = new Map<string, ValidateFunction>();

const routes = Object.entries(extract.operations).map(([key, operation]) => {
  const [method, template] = key.split(" ") as [string, string];
  const names: string[] = [];
  const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  const literals = template.split("/").filter((s) => s && !s.startsWith("{")).length;
  return { key, method, template, names, regex: new RegExp(`^${pattern}$`), literals, operation };
});

/** Problems found in the requests of the current test; a test ends by expecting none. */
export const requestProblems: string[] = [];

export function resetRequestProblems(): void {
  requestProblems.length = 0;
}

/** Finds the operation a request calls, or records that the App called one the extract does not hold. */
function route(method: string, path: string) {
  const candidates = routes.filter((r) => r.method === method.toUpperCase() && r.regex.test(path)).sort((a, b) => b.literals - a.literals);
  return candidates[0];
}

/** Validates one request (method, path with query, JSON body text); returns the problems found. */
export function checkRequest(method: string, pathWithQuery: string, bodyText: string): string[] {
  const url = new URL(pathWithQuery, "https://api.github.com");
  const match = route(method, url.pathname);
  if (!match) return [`${method} ${url.pathname}: not an operation of the OpenAPI extract (add it to scripts/extract-openapi.mjs)`];
  const where = `${match.key}`;
  const problems: string[] = [];
  const values = match.regex.exec(url.pathname)!.slice(1);
  match.names.forEach((name, i) => {
    const parameter = match.operation.parameters.find((p) => p.in === "path" && p.name === name);
    if (parameter?.schema.type === "integer" && !/^\d+$/.test(values[i]!)) problems.push(`${where}: path parameter ${name}=${values[i]} is not an integer`);
  });
  for (const [name, value] of url.searchParams) {
    const parameter = match.operation.parameters.find((p) => p.in === "query" && p.name === name);
    if (!parameter) {
      problems.push(`${where}: unknown query parameter ${name}`);
      continue;
    }
    if (parameter.schema.type === "integer" && !/^\d+$/.test(value)) problems.push(`${where}: query ${name}=${value} is not an integer`);
    if (parameter.schema.enum && !parameter.schema.enum.includes(value)) problems.push(`${where}: query ${name}=${value} is not one of ${parameter.schema.enum.join(", ")}`);
    const max = /\(max (\d+)\)/.exec(parameter.description ?? "")?.[1];
    if (max && Number(value) > Number(max)) problems.push(`${where}: query ${name}=${value} exceeds the documented maximum ${max}`);
  }
  for (const parameter of match.operation.parameters) {
    if (parameter.in === "query" && parameter.required && !url.searchParams.has(parameter.name)) problems.push(`${where}: missing required query parameter ${parameter.name}`);
  }

  const schema = match.operation.requestBody?.schema;
  if (!schema) {
    if (bodyText.trim() !== "") problems.push(`${where}: sends a body, but the operation takes none`);
    return problems;
  }
  if (bodyText.trim() === "") {
    if (match.operation.requestBody?.required) problems.push(`${where}: the request body is required`);
    return problems;
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return [...problems, `${where}: the body is not JSON`];
  }
  let validate = validators.get(match.key);
  if (!validate) validators.set(match.key, (validate = ajv.compile(schema)));
  if (!validate(body)) problems.push(...(validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
  problems.push(...documentedLimits(match.template, body).map((p) => `${where}: ${p}`));
  return problems;
}

/** Limits written in GitHub's prose rather than in the schemas. */
function documentedLimits(template: string, body: unknown): string[] {
  const problems: string[] = [];
  const b = body as { body?: string; output?: { title?: string; annotations?: Array<Record<string, unknown>> } };
  if (template.includes("/comments") && typeof b.body === "string" && b.body.length > 65_536) problems.push(`comment body of ${b.body.length} characters exceeds 65,536`);
  if (template.includes("/check-runs")) {
    for (const a of b.output?.annotations ?? []) {
      if (typeof a.title === "string" && a.title.length > 255) problems.push(`annotation title longer than 255 characters`);
      for (const key of ["message", "raw_details"]) if (typeof a[key] === "string" && Buffer.byteLength(a[key] as string) > 64 * 1024) problems.push(`annotation ${key} over 64 KB`);
      if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line) problems.push("annotation columns on a multi-line annotation");
      if (typeof a.start_line === "number" && (a.start_line < 1 || (a.end_line as number) < a.start_line)) problems.push(`annotation lines ${a.start_line}-${a.end_line}`);
    }
  }
  return problems;
}

/**
 * A nock body matcher that validates the body against the operation's schema; `then` adds the test's own
 * expectations. A mismatch is recorded in `requestProblems` (and the interceptor does not match).
 */
export function validBody<T = Record<string, unknown>>(method: string, path: string, then?: (body: T) => boolean | void): (body: unknown) => boolean {
  return (body: unknown) => {
    const problems = checkRequest(method, path, typeof body === "string" ? body : JSON.stringify(body));
    requestProblems.push(...problems);
    if (problems.length > 0) return false;
    const verdict = then?.(body as T);
    return verdict !== false;
  };
}

/**
 * Validates every request the scope intercepts (query strings and bodies included): REST requests against
 * the OpenAPI description, GraphQL queries (`/graphql`, on GHES `/api/graphql`) against GitHub's schema.
 */
export function watchRequests(scope: nock.Scope): nock.Scope {
  scope.on("request", (req: { method: string; path: string }, _interceptor: unknown, body: string) => {
    if (req.method === "POST" && /^(\/api)?\/graphql$/.test(new URL(req.path, "https://api.github.com").pathname)) requestProblems.push(...checkGraphqlRequest(body ?? "").problems);
    else requestProblems.push(...checkRequest(req.method, req.path, body ?? ""));
  });
  return scope;
}
