import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { findFreePort } from "./throwaway-postgres";

export type AppServer = {
  base: string;
  stop: () => void;
  signIn: (email: string, password: string) => Promise<string>;
};

/** Builds the app when it has no build yet (benchmarks measure the production server). */
export async function ensureBuilt(): Promise<void> {
  if (fs.existsSync(".next/BUILD_ID")) return;
  console.log("构建（next build）…");
  const code = await new Promise<number | null>((resolve) =>
    spawn("npx", ["next", "build"], { stdio: "inherit" }).on("close", resolve),
  );
  if (code !== 0) throw new Error(`构建失败（退出码 ${code}）。`);
}

/** Starts the production server (scripts/serve.mjs) on a free loopback port and waits until /api/health answers. */
export async function startAppServer(env: Record<string, string | undefined>): Promise<AppServer> {
  await ensureBuilt();
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("node", ["scripts/serve.mjs", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: "ignore",
    detached: true,
  });
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  process.once("exit", stop);
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { base, stop, signIn: (email, password) => signIn(base, email, password) };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error("服务未能启动。");
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`登录失败：${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
