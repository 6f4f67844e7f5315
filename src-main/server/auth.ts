import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE, TOKEN_PARAM } from '../shared/transport';

/** A fresh per-run secret: 32 random bytes, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The cookie that carries the token after the first page load; per port, because cookies ignore ports. */
export function cookieName(port: number): string {
  return `${TOKEN_COOKIE}_${port}`;
}

/** The Set-Cookie value that lets the page's own asset and image requests through without the query string. */
export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The tokens a request presents: `?token=`, the cookie, or `Authorization: Bearer`. */
export function presentedTokens(req: IncomingMessage, url: URL, port: number): string[] {
  const out: string[] = [];
  const query = url.searchParams.get(TOKEN_PARAM);
  if (query) out.push(query);
  const cookie = parseCookies(req.headers.cookie ?? '')[cookieName(port)];
  if (cookie) out.push(cookie);
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) out.push(auth.slice(7).trim());
  return out;
}

/** Constant-time comparison, so response timing says nothing about how much of a guess was right. */
export function tokenMatches(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether the request carries the right token in any of the accepted places. */
export function isAuthorised(req: IncomingMessage, url: URL, port: number, token: string): boolean {
  return presentedTokens(req, url, port).some((t) => tokenMatches(token, t));
}

/**
 * Refuses requests whose Host (or Origin, when present) is not this loopback server: a page on another site
 * that rebinds its DNS name to 127.0.0.1 would otherwise reach the API from the curator's own browser.
 */
export function isLocalRequest(req: IncomingMessage, port: number): boolean {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (!allowedHosts.has(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
