/** What the options of one requirements line ask for. */
export interface PipOptions {
  requirements: string[];
  constraints: string[];
  editables: string[];
}

export type PipOptionsOutcome = { ok: true; options: PipOptions } | { ok: false; message: string };

type Destination = keyof PipOptions | "ignored";
interface OptionSpec {
  long: string;
  short?: string;
  takesValue: boolean;
  destination: Destination;
}

// The options pip accepts inside a requirements file (pip/_internal/req/req_file.py, pip 24/25).
const OPTIONS: OptionSpec[] = [
  { long: "--index-url", short: "-i", takesValue: true, destination: "ignored" },
  { long: "--extra-index-url", takesValue: true, destination: "ignored" },
  { long: "--no-index", takesValue: false, destination: "ignored" },
  { long: "--constraint", short: "-c", takesValue: true, destination: "constraints" },
  { long: "--requirement", short: "-r", takesValue: true, destination: "requirements" },
  { long: "--editable", short: "-e", takesValue: true, destination: "editables" },
  { long: "--find-links", short: "-f", takesValue: true, destination: "ignored" },
  { long: "--no-binary", takesValue: true, destination: "ignored" },
  { long: "--only-binary", takesValue: true, destination: "ignored" },
  { long: "--prefer-binary", takesValue: false, destination: "ignored" },
  { long: "--require-hashes", takesValue: false, destination: "ignored" },
  { long: "--pre", takesValue: false, destination: "ignored" },
  { long: "--trusted-host", takesValue: true, destination: "ignored" },
  { long: "--use-feature", takesValue: true, destination: "ignored" },
  { long: "--global-option", takesValue: true, destination: "ignored" },
  { long: "--hash", takesValue: true, destination: "ignored" },
  { long: "--config-settings", short: "-C", takesValue: true, destination: "ignored" },
];

/**
 * Reads the option part of a requirements line as pip's optparse does: `--name=value` or `--name value`,
 * `-rfile` or `-r file`, unambiguous prefixes of long names; stray words after the options are ignored,
 * as pip ignores them. An option pip does not know fails the line.
 */
export function parsePipOptions(text: string): PipOptionsOutcome {
  const options: PipOptions = { requirements: [], constraints: [], editables: [] };
  const tokens = splitShellWords(text);
  if (!tokens) return { ok: false, message: "a quotation mark in the options is never closed" };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (!token.startsWith("-") || token === "-") continue;
    let spec: OptionSpec | undefined;
    let value: string | undefined;
    if (token.startsWith("--")) {
      const equals = token.indexOf("=");
      const written = equals === -1 ? token : token.slice(0, equals);
      if (equals !== -1) value = token.slice(equals + 1);
      const candidates = OPTIONS.filter((option) => option.long === written || option.long.startsWith(written));
      spec = candidates.find((option) => option.long === written) ?? (candidates.length === 1 ? candidates[0] : undefined);
      if (!spec) return { ok: false, message: `\`${written}\` is ${candidates.length > 1 ? "an ambiguous" : "not a"} pip option in a requirements file` };
      if (!spec.takesValue && value !== undefined) return { ok: false, message: `${spec.long} takes no value` };
    } else {
      spec = OPTIONS.find((option) => option.short === token.slice(0, 2));
      if (!spec) return { ok: false, message: `\`${token.slice(0, 2)}\` is not a pip option in a requirements file` };
      if (token.length > 2) value = token.slice(2);
    }
    if (spec.takesValue && value === undefined) {
      value = tokens[index + 1];
      index++;
      if (value === undefined) return { ok: false, message: `${spec.long} needs a value` };
    }
    if (spec.destination !== "ignored") options[spec.destination].push(value!);
  }
  return { ok: true, options };
}

/** POSIX shell-style words, as Python's `shlex.split`: quotes group, backslash escapes outside single quotes. */
function splitShellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === "\\" && quote === '"' && /["\\$`]/.test(text[index + 1] ?? "")) word += text[++index]!;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= "";
    } else if (char === "\\") {
      word = (word ?? "") + (text[++index] ?? "");
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? "") + char;
    }
  }
  if (quote) return undefined;
  if (word !== undefined) words.push(word);
  return words;
}
