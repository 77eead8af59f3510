import type { IncomingMessage } from "node:http";
import type { BlockList } from "node:net";

export declare const CLIENT_ADDRESS_HEADER: string;
export declare function parseTrustedProxies(value: string | undefined): BlockList | null;
export declare function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList | null,
): string | null;
export declare function applyClientAddress(req: IncomingMessage, trusted: BlockList | null): string | null;
