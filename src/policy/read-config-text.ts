import yaml from "js-yaml";
import { parseConfig, type ConfigOutcome } from "./config.js";

/** Reads `.github/soup.yml` text the way Probot's `context.config()` does (YAML), then validates it. */
export function readConfigText(text: string): ConfigOutcome {
  let raw: unknown;
  try {
    raw = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    const outcome = parseConfig(null);
    return { ok: false, config: outcome.config, errors: [`YAML syntax error${mark?.line !== undefined ? ` at line ${mark.line + 1}` : ""}: ${reason}`] };
  }
  return parseConfig(raw);
}
