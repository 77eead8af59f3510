import "server-only";
import { z } from "zod";
import { NotFoundError } from "@/lib/errors";

/** Row ids are PostgreSQL `serial` (int4): a larger number names no row and must not reach the database. */
export const MAX_ROW_ID = 2_147_483_647;

/** A numeric id in the path (`/api/documents/12`): a positive integer a row can have, else 400 with `message`. */
export const idParam = (message: string) =>
  z.coerce.number({ message }).int(message).positive(message).max(MAX_ROW_ID, message);

/** A page's id segment (`/agencies/12`) as a row id, or null when no row can have it. */
export function parseRowId(raw: string): number | null {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ROW_ID ? id : null;
}

/**
 * A path segment naming one of `ids` (a chart): any other name is a resource that does not exist, so 404 with
 * the code `UNKNOWN_CHART` rather than a 400 for a malformed request.
 */
export function chartIdParam<T extends string>(ids: readonly T[]) {
  return z.string().transform((id): T => {
    if (!(ids as readonly string[]).includes(id)) throw new NotFoundError(`没有名为“${id}”的图表。`, "UNKNOWN_CHART");
    return id as T;
  });
}
