import { quoted } from "../common/quoted.js";

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
  /** What is wrong with a value pip would refuse, if anything. */
  check?: (value: string) => string | undefined;
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
  { long: "--hash", takesValue: true, destination: "ignored", check: checkHash },
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
      if (!spec) return { ok: false, message: `${quoted(written)} is ${candidates.length > 1 ? "an ambiguous" : "not a"} pip option in a requirements file` };
      if (!spec.takesValue && value !== undefined) return { ok: false, message: `${spec.long} takes no value` };
    } else {
      spec = OPTIONS.find((option) => option.short === token.slice(0, 2));
      if (!spec) return { ok: false, message: `${quoted(token.slice(0, 2))} is not a pip option in a requirements file` };
      if (token.length > 2) value = token.slice(2);
    }
    if (spec.takesValue && value === undefined) {
      value = tokens[index + 1];
      index++;
      if (value === undefined) return { ok: false, message: `${spec.long} needs a value` };
    }
    const problem = spec.check?.(value!);
    if (problem) return { ok: false, message: problem };
    if (spec.destination !== "ignored") options[spec.destination].push(value!);
  }
  return { ok: true, options };
}

/** Hex digits of each digest pip accepts in `--hash` (pip's STRONG_HASHES). */
const DIGEST_LENGTHS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/**
 * pip refuses a `--hash` that is not `algorithm:digest` with a strong algorithm; a digest that is not the
 * lower-case hex pip computes can never match the file, so pip refuses to install it. Either way the line
 * was cut or damaged, and what it pins is unknown.
 */
function checkHash(value: string): string | undefined {
  const colon = value.indexOf(":");
  const algorithm = colon === -1 ? value : value.slice(0, colon);
  const length = Object.hasOwn(DIGEST_LENGTHS, algorithm) ? DIGEST_LENGTHS[algorithm] : undefined;
  if (colon === -1 || length === undefined) return `${quoted(`--hash=${value}`)} is not a hash pip accepts: it takes --hash=sha256:<digest> (or sha384, sha512)`;
  const digest = value.slice(colon + 1);
  if (digest.length !== length || !/^[0-9a-f]*$/.test(digest)) return `${quoted(`--hash=${value}`)} is not a ${algorithm} digest (${length} lower-case hex digits): no file can match it`;
  return undefined;
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
