import "server-only";
import { z } from "zod";
import { NotFoundError } from "@/lib/errors";

/** A numeric id in the path (`/api/documents/12`): a positive integer, else 400 with `message`. */
export const idParam = (message: string) => z.coerce.number({ message }).int(message).positive(message);

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
