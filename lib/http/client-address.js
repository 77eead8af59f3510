// Plain JS: read by the server entry (server/serve.mjs, run by node without a TypeScript loader) and by lib/auth.
import net from "node:net";

/** Set by server/serve.mjs on every request (a client's own value is dropped): the address the app acts on. */
export const CLIENT_ADDRESS_HEADER = "x-ogi-client-address";

/** Headers a client could use to claim another address; only a trusted proxy's are believed. */
const FORWARDING_HEADERS = ["x-forwarded-for", "x-real-ip", "forwarded", "x-forwarded-host", "x-forwarded-proto"];

const unmapped = (address) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
const familyOf = (address) => (net.isIPv6(address) ? "ipv6" : "ipv4");

/**
 * OGI_TRUSTED_PROXIES: addresses or CIDR ranges of the reverse proxies in front of the app, comma-separated
 * ("127.0.0.1, 10.0.0.0/8, ::1"); empty (the default) trusts none. A bad entry is an error, not ignored.
 */
export function parseTrustedProxies(value) {
  const list = new net.BlockList();
  let count = 0;
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, bits, extra] = entry.split("/");
    const plain = unmapped(address);
    if (extra !== undefined || !net.isIP(plain)) {
      throw new Error(`OGI_TRUSTED_PROXIES 中的“${entry}”不是 IP 地址或 CIDR 网段。`);
    }
    if (bits === undefined) list.addAddress(plain, familyOf(plain));
    else {
      const prefix = Number(bits);
      const max = net.isIPv6(plain) ? 128 : 32;
      if (!/^\d+$/.test(bits) || prefix > max) {
        throw new Error(`OGI_TRUSTED_PROXIES 中的“${entry}”网段前缀应为 0–${max}。`);
      }
      list.addSubnet(plain, prefix, familyOf(plain));
    }
    count++;
  }
  return count > 0 ? list : null;
}

const isTrusted = (trusted, address) => !!trusted && net.isIP(address) > 0 && trusted.check(address, familyOf(address));

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then the nearest X-Forwarded-For hop
 * that is not itself a trusted proxy (the left part of the header is whatever the client wrote, so never read it).
 */
export function resolveClientAddress(socketAddress, forwardedFor, trusted) {
  const socket = unmapped(socketAddress ?? "");
  if (!isTrusted(trusted, socket)) return socket || null;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => unmapped(hop.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!net.isIP(hops[i])) return socket;
    if (!isTrusted(trusted, hops[i])) return hops[i];
  }
  return hops[0] ?? socket;
}

/** Rewrites a Node request's headers in place: the resolved address in CLIENT_ADDRESS_HEADER, and forwarding
 * headers kept only when a trusted proxy sent them (Next then fills X-Forwarded-* from the socket). */
export function applyClientAddress(req, trusted) {
  const socket = unmapped(req.socket?.remoteAddress ?? "");
  const address = resolveClientAddress(socket, req.headers["x-forwarded-for"], trusted);
  if (!isTrusted(trusted, socket)) for (const name of FORWARDING_HEADERS) delete req.headers[name];
  if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
  return address;
}
