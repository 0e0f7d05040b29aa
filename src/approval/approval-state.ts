/**
 * The approval state of one head commit, kept in the text of that commit's `SOUP approval` check run.
 * Only the soup-gate App can write its check runs, so the state survives restarts and replicas without
 * a store of its own and cannot be forged by editing a comment.
 */
export type ApprovalVia = "button" | "review" | "comment";

export interface Attempt {
  login: string;
  via: ApprovalVia;
  at: string;
  reason: string;
}

export interface ApprovalState {
  v: 1;
  digest: string;
  state: "not-needed" | "not-required" | "pending" | "approved" | "revoked";
  approver?: string;
  basis?: string;
  via?: ApprovalVia;
  /** The head commit the approver saw. */
  commit?: string;
  at?: string;
  reason?: string;
  /** An earlier approval that no longer applies because the digest changed. */
  invalidated?: { approver: string; commit: string };
  /** Who revoked, for state "revoked". */
  revokedBy?: string;
  /** Who pushed the head (the sender of the push's event): an author for `allow_authors: false`. */
  pushedBy?: string;
  /** The latest refused attempts for this digest, newest last. */
  refused?: Attempt[];
}

const PREFIX = "<!-- soup-gate:approval ";
const SUFFIX = " -->";
const MAX_REFUSED = 10;

export function encodeApprovalState(state: ApprovalState): string {
  const trimmed = state.refused ? { ...state, refused: state.refused.slice(-MAX_REFUSED) } : state;
  // `--` cannot appear inside an HTML comment; JSON never needs it escaped otherwise.
  return `${PREFIX}${JSON.stringify(trimmed).replace(/--/g, "-\\u002d")}${SUFFIX}`;
}

/** Reads the state back from a check run's text; anything malformed is no state at all. */
export function decodeApprovalState(text: string | null | undefined): ApprovalState | undefined {
  if (!text) return undefined;
  const start = text.indexOf(PREFIX);
  if (start === -1) return undefined;
  const end = text.indexOf(SUFFIX, start + PREFIX.length);
  if (end === -1) return undefined;
  try {
    const value: unknown = JSON.parse(text.slice(start + PREFIX.length, end));
    return isApprovalState(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const STATES = new Set(["not-needed", "not-required", "pending", "approved", "revoked"]);

function isApprovalState(value: unknown): value is ApprovalState {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.v !== 1 || typeof v.digest !== "string" || typeof v.state !== "string" || !STATES.has(v.state)) return false;
  if (v.state === "approved" && (typeof v.approver !== "string" || typeof v.commit !== "string")) return false;
  return v.refused === undefined || (Array.isArray(v.refused) && v.refused.every((a) => typeof a === "object" && a !== null && typeof (a as Attempt).login === "string"));
}
