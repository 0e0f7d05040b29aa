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
 */
export function checkMarker(marker: string): string | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < marker.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(marker);
    if (!match) {
      if (marker.slice(start).trim() === "") break;
      return `unexpected \`${marker.slice(start).trim()}\` in the environment marker`;
    }
    tokens.push(match[1]!.replace(/^not\s+in$/, "not in"));
  }
  let at = 0;
  const isValue = (token: string | undefined): boolean =>
    token !== undefined && (/^['"]/.test(token) || VARIABLES.has(token));
  const orExpression = (): string | undefined => andExpression() ?? (tokens[at] === "or" ? (at++, orExpression()) : undefined);
  const andExpression = (): string | undefined => atom() ?? (tokens[at] === "and" ? (at++, andExpression()) : undefined);
  const atom = (): string | undefined => {
    if (tokens[at] === "(") {
      at++;
      const inner = orExpression();
      if (inner) return inner;
      if (tokens[at] !== ")") return "an environment marker has an unclosed `(`";
      at++;
      return undefined;
    }
    const [left, operator, right] = [tokens[at], tokens[at + 1], tokens[at + 2]];
    if (!isValue(left)) return `\`${left ?? "end of line"}\` is not a marker variable or quoted string`;
    if (operator === undefined || (!OPERATORS.has(operator) && operator !== "not in")) return `expected a comparison after \`${left}\``;
    if (!isValue(right)) return `\`${right ?? "end of line"}\` is not a marker variable or quoted string`;
    at += 3;
    return undefined;
  };
  const problem = tokens.length === 0 ? "the environment marker after `;` is empty" : orExpression();
  if (problem) return problem;
  return at === tokens.length ? undefined : `unexpected \`${tokens[at]}\` in the environment marker`;
}
