import { validRange } from "@renovatebot/pep440";
import { clip } from "../../text/clip.js";
import { quoted } from "../common/quoted.js";
import { checkMarker } from "./pep508-marker.js";

/** One PEP 508 requirement: `name[extras] specifiers ; marker` or `name[extras] @ url ; marker`. */
export interface Requirement {
  name: string;
  extras: string[];
  /** Each specifier as written, without spaces (`>=2.8.1`, `==2.8.*`). */
  specifiers: string[];
  url?: string;
}

export type RequirementOutcome = { ok: true; requirement: Requirement } | { ok: false; message: string };

export const PEP508_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;
const SPECIFIER = /\s*(===|~=|==|!=|<=|>=|<|>)\s*([^\s,;()]*)/y;
// The usual `==1.2.3`, checked without the full PEP 440 grammar: a pinned 100 MB file has a million of them.
const PLAIN_SPECIFIER = /^(?:(?:==|!=|<=|>=|<|>)\d+(?:\.\d+)*|~=\d+(?:\.\d+)+)$/;

/**
 * Parses one requirement the way pip's `packaging` does, so that a line pip would refuse is refused here
 * too (`foo ===`, `django==5.*.*`, text after the version) instead of being half-read.
 */
export function parseRequirement(text: string): RequirementOutcome {
  const fail = (message: string): RequirementOutcome => ({ ok: false, message });
  let at = skipSpace(text, 0);
  NAME.lastIndex = at;
  const name = NAME.exec(text)?.[0];
  if (!name) return fail(`${quoted(text.trim())} is not a requirement: expected a package name`);
  const label = clip(name, 80);
  at = skipSpace(text, at + name.length);

  const extras: string[] = [];
  if (text[at] === "[") {
    const close = text.indexOf("]", at);
    if (close === -1) return fail(`the extras of ${label} have no closing \`]\``);
    for (const extra of text.slice(at + 1, close).split(",").map((part) => part.trim())) {
      if (!PEP508_NAME.test(extra)) {
        if (extra === "" && text.slice(at + 1, close).trim() === "") continue;
        return fail(`${quoted(extra)} is not a valid extra of ${label}`);
      }
      extras.push(extra);
    }
    at = skipSpace(text, close + 1);
  }

  let url: string | undefined;
  const specifiers: string[] = [];
  if (text[at] === "@") {
    at = skipSpace(text, at + 1);
    url = /^\S*/.exec(text.slice(at))![0];
    if (url === "") return fail(`${label} @ needs a URL`);
    at = skipSpace(text, at + url.length);
  } else {
    const parenthesised = text[at] === "(";
    if (parenthesised) at++;
    for (;;) {
      SPECIFIER.lastIndex = at;
      const match = SPECIFIER.exec(text);
      if (!match) break;
      const [, operator, version] = match as unknown as [string, string, string];
      const written = `${operator}${version}`;
      if (version === "" || (!PLAIN_SPECIFIER.test(written) && !validRange(written))) return fail(`${quoted(written)} is not a valid version specifier for ${label}`);
      specifiers.push(written);
      at = skipSpace(text, SPECIFIER.lastIndex);
      if (text[at] !== ",") break;
      at++;
    }
    if (parenthesised) {
      if (text[at] !== ")") return fail(`the version specifiers of ${label} have no closing \`)\``);
      at = skipSpace(text, at + 1);
    }
  }

  if (at < text.length) {
    if (text[at] !== ";") return fail(`unexpected ${quoted(text.slice(at).trim())} after the requirement ${label}${clip(specifiers.join(","), 80)}`);
    const problem = checkMarker(text.slice(at + 1));
    if (problem) return fail(`${label}: ${problem}`);
  }
  return { ok: true, requirement: url === undefined ? { name, extras, specifiers } : { name, extras, specifiers, url } };
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && (text[at] === " " || text[at] === "\t")) at++;
  return at;
}
