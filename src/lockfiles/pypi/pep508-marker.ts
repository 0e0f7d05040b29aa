import { quoted } from "../common/quoted.js";

const VARIABLES = new Set([
  "python_version",
  "python_full_version",
  "os_name",
  "sys_platform",
  "platform_release",
  "platform_system",
  "platform_version",
  "platform_machine",
  "platform_python_implementation",
  "implementation_name",
  "implementation_version",
  "extra",
  "extras",
  "dependency_groups",
  // Spellings from before PEP 508 that `packaging` still accepts.
  "os.name",
  "sys.platform",
  "platform.version",
  "platform.machine",
  "platform.python_implementation",
  "python_implementation",
]);

const TOKEN = /\s*(\(|\)|'[^']*'|"[^"]*"|===|==|!=|<=|>=|~=|<|>|not\s+in(?![\w.])|[A-Za-z_][A-Za-z0-9_.]*)/y;
const OPERATORS = new Set(["===", "==", "!=", "<=", ">=", "~=", "<", ">", "in"]);

/**
 * Checks an environment marker (`python_version < "3.8" and sys_platform == 'win32'`) against the
 * PEP 508 grammar, as pip does before it installs anything. Returns what is wrong, or undefined.
 * soup-gate never evaluates markers: a package locked for any platform is a package the device may ship.
 *
 * The grammar (comparisons joined by `and`/`or`, grouped by parentheses) is checked in one loop with a
 * count of open parentheses, not by recursive descent: a marker of thousands of terms or parentheses
 * must not exhaust the stack.
 */
export function checkMarker(marker: string): string | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < marker.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(marker);
    if (!match) {
      if (marker.slice(start).trim() === "") break;
      return `unexpected ${quoted(marker.slice(start).trim())} in the environment marker`;
    }
    tokens.push(match[1]!.replace(/^not\s+in$/, "not in"));
  }
  if (tokens.length === 0) return "the environment marker after `;` is empty";
  const isValue = (token: string | undefined): boolean => token !== undefined && (token.startsWith("'") || token.startsWith('"') || VARIABLES.has(token));
  let open = 0;
  let at = 0;
  for (;;) {
    while (tokens[at] === "(") {
      open++;
      at++;
    }
    const [left, operator, right] = [tokens[at], tokens[at + 1], tokens[at + 2]];
    if (!isValue(left)) return `${quoted(left ?? "end of line")} is not a marker variable or quoted string`;
    if (operator === undefined || (!OPERATORS.has(operator) && operator !== "not in")) return `expected a comparison after ${quoted(left!)}`;
    if (!isValue(right)) return `${quoted(right ?? "end of line")} is not a marker variable or quoted string`;
    at += 3;
    while (open > 0 && tokens[at] === ")") {
      open--;
      at++;
    }
    if (tokens[at] !== "and" && tokens[at] !== "or") break;
    at++;
  }
  if (at < tokens.length && open === 0) return `unexpected ${quoted(tokens[at]!)} in the environment marker`;
  return open > 0 ? "an environment marker has an unclosed `(`" : undefined;
}
