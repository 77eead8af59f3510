import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyClientAddress,
  CLIENT_ADDRESS_HEADER,
  parseTrustedProxies,
  resolveClientAddress,
} from "@/lib/http/client-address.js";

describe("parseTrustedProxies", () => {
  it("is off by default and takes addresses and CIDR ranges of both families", () => {
    expect(parseTrustedProxies(undefined)).toBeNull();
    expect(parseTrustedProxies(" , ")).toBeNull();
    const list = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8")!;
    expect(list.check("10.20.30.40", "ipv4")).toBe(true);
    expect(list.check("11.0.0.1", "ipv4")).toBe(false);
    expect(list.check("fd12::1", "ipv6")).toBe(true);
  });

  it.each(["localhost", "10.0.0.0/33", "1.2.3.4/8/1", "::1/129", "10.0.0.0/x"])("refuses %s in Chinese", (bad) => {
    expect(() => parseTrustedProxies(bad)).toThrow(/OGI_TRUSTED_PROXIES 中的“/);
  });
});

describe("resolveClientAddress", () => {
  const proxies = parseTrustedProxies("10.0.0.1, 10.0.0.2");
  it("believes nobody's header when no proxy is configured", () => {
    expect(resolveClientAddress("192.0.2.7", "203.0.113.9", null)).toBe("192.0.2.7");
    expect(resolveClientAddress("::ffff:192.0.2.7", undefined, null)).toBe("192.0.2.7");
  });
  it("ignores the header of a socket that is not a configured proxy", () => {
    expect(resolveClientAddress("192.0.2.7", "203.0.113.9", proxies)).toBe("192.0.2.7");
  });
  it("takes the nearest untrusted hop behind trusted proxies, never the client-written left part", () => {
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 198.51.100.4, 10.0.0.2", proxies)).toBe("198.51.100.4");
    expect(resolveClientAddress("10.0.0.1", ["6.6.6.6", "198.51.100.4"], proxies)).toBe("198.51.100.4");
    expect(resolveClientAddress("10.0.0.1", "", proxies)).toBe("10.0.0.1");
    expect(resolveClientAddress("10.0.0.1", "junk, 10.0.0.2", proxies)).toBe("10.0.0.1");
  });
});

describe("applyClientAddress on a real loopback server", () => {
  let server: http.Server;
  let trusted: ReturnType<typeof parseTrustedProxies> = null;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      applyClientAddress(req, trusted);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(req.headers));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const spoofed = {
    "x-forwarded-for": "203.0.113.9",
    "x-real-ip": "203.0.113.10",
    forwarded: "for=203.0.113.11",
    "x-forwarded-host": "evil.example",
    [CLIENT_ADDRESS_HEADER]: "203.0.113.12",
  };
  const seen = async () => (await (await fetch(base, { headers: spoofed })).json()) as Record<string, string>;

  it("drops every forwarding header from a direct client and names the socket's address", async () => {
    trusted = null;
    const headers = await seen();
    expect(headers[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    for (const name of ["x-forwarded-for", "x-real-ip", "forwarded", "x-forwarded-host"])
      expect(headers[name]).toBeUndefined();
  });

  it("believes X-Forwarded-For when the socket is a configured proxy", async () => {
    trusted = parseTrustedProxies("127.0.0.0/8");
    const headers = await seen();
    expect(headers[CLIENT_ADDRESS_HEADER]).toBe("203.0.113.9");
    expect(headers["x-forwarded-host"]).toBe("evil.example");
  });
});
