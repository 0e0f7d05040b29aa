import { schema as published } from "@octokit/graphql-schema";
import {
  buildClientSchema,
  getNamedType,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type IntrospectionQuery,
  type OperationDefinitionNode,
} from "graphql";

// Checks every GraphQL query the App sends against GitHub's published schema (@octokit/graphql-schema), as
// openapi.ts checks REST requests against the OpenAPI description: a query GitHub would reject fails the test.

/** GitHub's GraphQL schema, built once. */
export const githubSchema = buildClientSchema(published.json as unknown as IntrospectionQuery);

export interface ParsedQuery {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

/** Parses a GraphQL request body (`{ query, variables }`); returns the problems GitHub would answer with. */
export function checkGraphqlRequest(bodyText: string): { problems: string[]; parsed?: ParsedQuery } {
  let body: { query?: unknown; variables?: unknown };
  try {
    body = JSON.parse(bodyText) as typeof body;
  } catch {
    return { problems: ["POST /graphql: the body is not JSON"] };
  }
  if (typeof body.query !== "string") return { problems: ["POST /graphql: the body has no query"] };
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return { problems: [`POST /graphql: ${(error as GraphQLError).message}`] };
  }
  const problems = validate(githubSchema, document).map((e) => `POST /graphql: ${e.message}`);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return { problems: [...problems, `POST /graphql: ${operations.length} operations in one request`] };
  const operation = operations[0]!;
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  if (problems.length > 0) return { problems };
  const coerced = getVariableValues(githubSchema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return { problems: coerced.errors.map((e) => `POST /graphql: ${e.message}`) };
  problems.push(...connectionLimits(document, coerced.coerced).map((p) => `POST /graphql: ${p}`));
  return { problems, parsed: { document, operation, variables: coerced.coerced } };
}

/**
 * GitHub's documented node limit, checked before a query runs: every connection takes `first` or `last`,
 * from 1 to 100.
 */
function connectionLimits(document: DocumentNode, variables: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const typeInfo = new TypeInfo(githubSchema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const type = typeInfo.getType();
        if (!type || !getNamedType(type).name.endsWith("Connection")) return;
        const sizes = (node.arguments ?? [])
          .filter((a) => a.name.value === "first" || a.name.value === "last")
          .map((a) => (a.value.kind === Kind.VARIABLE ? variables[a.value.name.value] : a.value.kind === Kind.INT ? Number(a.value.value) : undefined));
        if (sizes.length === 0) problems.push(`the connection ${node.name.value} needs a first or last argument`);
        for (const size of sizes) if (typeof size !== "number" || size < 1 || size > 100) problems.push(`${node.name.value}: first/last must be from 1 to 100, not ${String(size)}`);
      },
    }),
  );
  return problems;
}
