import "server-only";
import { createHash } from "node:crypto";

/** A document's identity: the sha256 of its bytes, hex. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
