import yaml from "js-yaml";
import { describeYamlError } from "../text/yaml-error.js";
import { parseConfig, type ConfigOutcome } from "./config.js";

/** Reads `.github/soup.yml` text the way Probot's `context.config()` does (YAML), then validates it. */
export function readConfigText(text: string): ConfigOutcome {
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    const described = describeYamlError(error);
    // js-yaml reports an error at the end of the text on the line after the last one: name the last.
    const line = described.line === undefined ? undefined : Math.min(described.line, text.split("\n").length);
    const { reason } = described;
    const outcome = parseConfig(null);
    return { ok: false, config: outcome.config, errors: [`YAML syntax error${line !== undefined ? ` at line ${line}` : ""}: ${reason}`] };
  }
  return parseConfig(raw);
}
