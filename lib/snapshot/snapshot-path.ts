import "server-only";
import { z } from "zod";
import { hasControlCharacter } from "@/lib/http/control-characters";
import { MAX_ROW_ID } from "@/lib/http/route-params";

/** A page of this app a snapshot may be taken of: the overview or one agency's page, each with its query. */
export type SnapshotPage =
  | { kind: "overview"; path: string; query: URLSearchParams }
  | { kind: "agency"; agencyId: number; path: string; query: URLSearchParams };

const BASE = "http://snapshot.invalid";
const MAX_PATH_LENGTH = 2000;
const AGENCY_PATH = /^\/agencies\/([1-9]\d{0,9})$/;
// Anything a URL parser could read as another host, a dot segment or an encoded separator: refused, not repaired.
const SUSPICIOUS = /[\\\s#@]|%(?:2e|2f|5c|00)|\/\.\.?(?:\/|\?|$)/i;

export const SNAPSHOT_PATH_MESSAGE = "只能为本看板的总览（/）或机关页面（/agencies/编号）生成 PDF 快照";

/**
 * The app page a `path` parameter names, or null for anything else: another host (`//evil.com`, `http://…`),
 * an API route, a dot segment. The path must already be in the form a browser would request it.
 */
export function parseSnapshotPath(value: string): SnapshotPage | null {
  if (value.length > MAX_PATH_LENGTH || !value.startsWith("/") || value.startsWith("//")) return null;
  if (hasControlCharacter(value) || SUSPICIOUS.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE || url.username || url.password || url.hash) return null;
  const path = `${url.pathname}${url.search}`;
  const pathname = value.split("?")[0];
  if (url.pathname !== pathname) return null;
  if (url.pathname === "/") return { kind: "overview", path, query: url.searchParams };
  const agency = AGENCY_PATH.exec(url.pathname);
  const agencyId = agency ? Number(agency[1]) : 0;
  if (!agency || agencyId > MAX_ROW_ID) return null;
  return { kind: "agency", agencyId, path, query: url.searchParams };
}

/** The snapshot route's query: `path`, one of the app's own pages (else a Chinese 400). */
export const snapshotQuerySchema = z.object({
  path: z.string({ message: SNAPSHOT_PATH_MESSAGE }).transform((value, ctx): SnapshotPage => {
    const page = parseSnapshotPath(value);
    if (page) return page;
    ctx.addIssue({ code: "custom", message: SNAPSHOT_PATH_MESSAGE });
    return z.NEVER;
  }),
});
