import yaml from "js-yaml";
import { describeYamlError } from "../text/yaml-error.js";
import { parseConfig, type ConfigOutcome } from "./config.js";

/** Reads `.github/soup.yml` text the way Probot's `context.config()` does (YAML), then validates it. */
export function readConfigText(text: string): ConfigOutcome {
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    const { line, reason } = describeYamlError(error);
    const outcome = parseConfig(null);
    return { ok: false, config: outcome.config, errors: [`YAML syntax error${line !== undefined ? ` at line ${line}` : ""}: ${reason}`] };
  }
  return parseConfig(raw);
}
