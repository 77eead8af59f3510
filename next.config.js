import { API_CSP, BASE_SECURITY_HEADERS } from "./lib/http/security-headers.js";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files it loads from its own package folder at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pdfjs-dist", "postgres", "tsx"],
  poweredByHeader: false,
  // `npm test` / `npm run verify` type-check the whole tree once; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Pages get their Content-Security-Policy (with a nonce) from proxy.ts; two policies would both apply.
  async headers() {
    return [
      { source: "/:path*", headers: BASE_SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/_next/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default nextConfig;
