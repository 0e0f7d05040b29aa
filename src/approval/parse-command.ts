/** A slash command in a pull-request comment: `/soup approve [reason]` or `/soup revoke [reason]`. */
export type SoupCommand = { command: "approve"; reason?: string } | { command: "revoke"; reason?: string };

const COMMAND = /^\/soup[ \t]+(approve|revoke)\b[ \t]*(.*)$/im;

/**
 * Finds `/soup approve [reason]` or `/soup revoke [reason]` at the start of a line of a comment. Quoted
 * lines (`> /soup approve`) and code are not commands, so quoting someone else's approval does nothing.
 */
export function parseCommand(body: string): SoupCommand | undefined {
  // A fence left open runs to the end of the comment, as GitHub renders it: what follows is code too.
  const text = body.replace(/```[\s\S]*?(?:```|$)/g, "").replace(/`[^`\n]*`/g, "");
  const match = COMMAND.exec(text);
  if (!match) return undefined;
  const command = match[1]!.toLowerCase() as "approve" | "revoke";
  const reason = match[2]!.trim();
  return reason ? { command, reason } : { command };
}
