import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * `payload.mac`: the payload (base64url, so it holds no dot) and its HMAC-SHA256. The purpose is part of
 * what is signed, so a sign-in cookie can never be replayed as a session cookie or the other way round.
 */
export function signValue(key: Buffer, purpose: string, payload: string): string {
  return `${payload}.${mac(key, purpose, payload)}`;
}

/** The payload when the signature is the key's for this purpose; undefined for anything else. */
export function verifyValue(key: Buffer, purpose: string, signed: string | undefined): string | undefined {
  if (!signed) return undefined;
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const payload = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), "base64url");
  const expected = Buffer.from(mac(key, purpose, payload), "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : undefined;
}

function mac(key: Buffer, purpose: string, payload: string): string {
  return createHmac("sha256", key).update(`${purpose}\n${payload}`).digest("base64url");
}
