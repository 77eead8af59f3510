import { hasControlCharacter } from "./control-characters";

const BASE = "http://app.invalid";

/**
 * The in-app path to go to after signing in, or "/" for anything that would leave the app. The URL parser decides,
 * as a browser would: it drops tabs and newlines and reads "\" as "/", so "/\t/evil.example" is another host.
 */
export function toSafeRedirectPath(value: string | string[] | undefined | null): string {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next?.startsWith("/") || hasControlCharacter(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE || url.username || url.password) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") || path.startsWith("/\\") ? "/" : path;
}
