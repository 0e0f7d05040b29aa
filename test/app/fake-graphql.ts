import { execute, type GraphQLFieldResolver } from "graphql";
import { blobSha, type FakeRepo } from "./fake-repo.js";
import { githubSchema, type ParsedQuery } from "./graphql-schema.js";

/**
 * Where GitHub cuts a blob's GraphQL `text` (and sets `isTruncated`): 512,000 bytes, as users measured it;
 * GitHub documents only the flag.
 */
export const GRAPHQL_TEXT_LIMIT = 512_000;

/**
 * Runs a query the way GitHub would, against GitHub's schema, answering `repository` and its `object`
 * (by oid or by `rev:path` expression) from the FakeRepo of that name: a blob's text whole, cut at GRAPHQL_TEXT_LIMIT,
 * or null when it is binary. `onText` hears of each blob whose text is served.
 */
export function answerGraphql(parsed: ParsedQuery, repos: (owner: string, name: string) => FakeRepo | undefined, onText: (sha: string) => void): { data?: unknown; errors?: Array<{ message: string; path?: ReadonlyArray<string | number> }> } {
  const resolve: GraphQLFieldResolver<any, unknown> = (source, args, _context, info) => {
    if (info.parentType.name === "Query" && info.fieldName === "repository") return repos(args.owner as string, args.name as string) ?? null;
    if (info.parentType.name === "Repository" && info.fieldName === "object") return gitObject(source as FakeRepo, args as { oid?: string; expression?: string });
    if (info.parentType.name === "Blob" && info.fieldName === "text" && source.text !== null) onText(source.oid as string);
    return source?.[info.fieldName];
  };
  const result = execute({ schema: githubSchema, document: parsed.document, variableValues: parsed.variables, fieldResolver: resolve, typeResolver: (value: { __typename: string }) => value.__typename });
  if (result instanceof Promise) throw new Error("the stand-in answers GraphQL synchronously");
  return result.errors ? { data: result.data, errors: result.errors.map((e) => ({ message: e.message, ...(e.path ? { path: e.path } : {}) })) } : { data: result.data };
}

function gitObject(repo: FakeRepo, { oid, expression }: { oid?: string; expression?: string }) {
  let sha = oid;
  if (expression) {
    const [rev = "", path = ""] = expression.split(":");
    const content = repo.files(rev).get(path);
    sha = content === undefined ? undefined : blobSha(content);
  }
  const content = sha === undefined ? undefined : repo.blob(sha);
  if (content === undefined) return null;
  const bytes = Buffer.from(content);
  const isBinary = bytes.includes(0);
  const isTruncated = !isBinary && bytes.length > GRAPHQL_TEXT_LIMIT;
  return {
    __typename: "Blob",
    oid: sha,
    abbreviatedOid: sha!.slice(0, 7),
    byteSize: bytes.length,
    isBinary,
    isTruncated,
    text: isBinary ? null : isTruncated ? bytes.subarray(0, GRAPHQL_TEXT_LIMIT).toString("utf8") : content,
  };
}
