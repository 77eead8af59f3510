// The app's HTTP server (`npm run serve`, scripts/start.sh, the end-to-end tests): Next's own request handler
// behind one step Next cannot do, deciding the client's address from the socket and the configured proxies.
import { createServer } from "node:http";
import net from "node:net";
import { parseArgs } from "node:util";
import { applyClientAddress, parseTrustedProxies } from "../lib/http/client-address.js";

const usage = "用法：node scripts/serve.mjs [--dev] [-H 地址] [-p 端口]";
let options;
try {
  ({ values: options } = parseArgs({
    options: {
      dev: { type: "boolean", default: false },
      hostname: { type: "string", short: "H", default: process.env.HOST || "127.0.0.1" },
      port: { type: "string", short: "p", default: process.env.PORT || "3000" },
    },
  }));
} catch (error) {
  console.error(`参数有误：${error.message}\n${usage}`);
  process.exit(2);
}
const port = Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口应为 0–65535 的整数，收到“${options.port}”。\n${usage}`);
  process.exit(2);
}
let trusted;
try {
  trusted = parseTrustedProxies(process.env.OGI_TRUSTED_PROXIES);
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
// Next reads NODE_ENV when it loads, so it is settled before the import.
process.env.NODE_ENV ??= options.dev ? "development" : "production";
const { default: next } = await import("next");
const app = next({ dev: options.dev, hostname: options.hostname, port, dir: new URL("..", import.meta.url).pathname });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  applyClientAddress(req, trusted);
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("服务器内部错误。");
  });
});
// Idle keep-alive sockets outlive a client's or proxy's reuse window (often 60 s): with Node's 5 s default, a request
// sent as the server closes the socket fails with ECONNRESET. Headers must time out after the keep-alive does.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on("error", (error) => {
  console.error(error.code === "EADDRINUSE" ? `端口 ${port} 已被占用。` : `服务无法启动：${error.message}`);
  process.exit(1);
});
server.listen(port, options.hostname, () => {
  // The PDF snapshot's browser opens pages here (lib/snapshot/self-origin.ts), never at a host a request names.
  const { address, port: bound } = server.address();
  const self = address === "0.0.0.0" || address === "::" ? "127.0.0.1" : address;
  process.env.OGI_SELF_ORIGIN = `http://${net.isIPv6(self) ? `[${self}]` : self}:${bound}`;
  const shown = options.hostname === "0.0.0.0" ? "localhost" : options.hostname;
  console.log(`▶ 服务已启动：http://${shown}:${server.address().port}${trusted ? "（信任已配置的反向代理）" : ""}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    app.close?.().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
