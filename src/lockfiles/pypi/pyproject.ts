import { normalizePypiName } from "../../names.js";
import { field, isTable, readToml, stringList, tableField, type TomlTable } from "./read-toml.js";

/** What a pyproject.toml declares, PEP 503-normalised. */
export interface DeclaredDependencies {
  /** Every package the project names itself: runtime, extras and dev groups of PEP 621, PEP 735, Poetry and PDM. */
  names: Set<string>;
  /** Names of `[project.optional-dependencies]` extras: PDM lists them in `groups` beside dev groups. */
  extras: Set<string>;
}

const PEP508_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/**
 * Reads the direct dependencies a pyproject.toml declares. An unreadable manifest gives undefined, so the
 * caller treats every locked package as direct: the lockfile itself is fine, and more checking is the
 * safe side.
 */
export function readDeclaredDependencies(text: string): DeclaredDependencies | undefined {
  const outcome = readToml(text, "pyproject.toml");
  if (!outcome.ok) return undefined;
  const declared: DeclaredDependencies = { names: new Set(), extras: new Set() };
  const document = outcome.document;
  const add = (name: string): void => void declared.names.add(normalizePypiName(name));
  const addRequirements = (value: unknown): void => {
    for (const requirement of stringList(value)) {
      const match = PEP508_NAME.exec(requirement);
      if (match) add(match[1]!);
    }
  };
  const addRequirementGroups = (groups: TomlTable | undefined, onGroup?: (group: string) => void): void => {
    for (const [group, requirements] of Object.entries(groups ?? {})) {
      onGroup?.(group);
      addRequirements(requirements);
    }
  };
  const addKeys = (table: TomlTable | undefined): void => {
    for (const name of Object.keys(table ?? {})) if (name.toLowerCase() !== "python") add(name);
  };

  const project = tableField(document, "project");
  if (project) {
    addRequirements(field(project, "dependencies"));
    addRequirementGroups(tableField(project, "optional-dependencies"), (extra) => declared.extras.add(normalizePypiName(extra)));
  }
  addRequirementGroups(tableField(document, "dependency-groups"));

  const tool = tableField(document, "tool");
  const poetry = tool && tableField(tool, "poetry");
  if (poetry) {
    addKeys(tableField(poetry, "dependencies"));
    addKeys(tableField(poetry, "dev-dependencies"));
    for (const group of Object.values(tableField(poetry, "group") ?? {})) {
      if (isTable(group)) addKeys(tableField(group, "dependencies"));
    }
  }
  const pdm = tool && tableField(tool, "pdm");
  if (pdm) addRequirementGroups(tableField(pdm, "dev-dependencies"));
  return declared;
}
