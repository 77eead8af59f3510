import "server-only";

/**
 * Where this server reaches itself: scripts/serve.mjs sets OGI_SELF_ORIGIN once it listens (the loopback address
 * when it listens on every interface). Never taken from a request, whose Host header a client writes.
 */
export function getSelfOrigin(): string {
  return process.env.OGI_SELF_ORIGIN || `http://127.0.0.1:${process.env.PORT || 3000}`;
}
