import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const root = import.meta.dirname;
const pgliteData = process.env.OGI_E2E_DATA ?? path.join(root, "tests", ".output", "e2e-pglite");
const postgresUrl = process.env.E2E_DATABASE_URL;
const load = "npx tsx --conditions=react-server scripts/load-samples.ts";
// Test accounts only: load-samples creates them (scripts/load-samples.ts) when this variable is set.
process.env.OGI_E2E_ADMIN_PASSWORD ??= "e2e-only-password-not-for-production";
const e2ePassword = process.env.OGI_E2E_ADMIN_PASSWORD;
// Separate checkouts on one machine can run their suites side by side on other ports.
const port = Number(process.env.OGI_E2E_PORT ?? 3100);
const pgPort = port + 1;
const adminState = (project: string) => path.join(root, "tests", ".output", "auth", `${project}-admin.json`);

const chromium = {
  ...devices["Desktop Chrome"],
  viewport: { width: 1280, height: 900 },
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  },
};

/** The newcomer's path (embedded PGlite) always; the PostgreSQL server path when E2E_DATABASE_URL is set. */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tests/.output/playwright-artifacts",
  timeout: 60_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "tests/.output/playwright.json" }]],
  projects: [
    { name: "embedded-setup", testMatch: /auth\.setup\.ts/, use: { ...chromium, baseURL: `http://127.0.0.1:${port}` } },
    {
      name: "embedded",
      dependencies: ["embedded-setup"],
      use: { ...chromium, baseURL: `http://127.0.0.1:${port}`, storageState: adminState("embedded") },
    },
    ...(postgresUrl
      ? [
          {
            name: "postgres-setup",
            testMatch: /auth\.setup\.ts/,
            use: { ...chromium, baseURL: `http://127.0.0.1:${pgPort}` },
          },
          {
            name: "postgres",
            dependencies: ["postgres-setup"],
            use: { ...chromium, baseURL: `http://127.0.0.1:${pgPort}`, storageState: adminState("postgres") },
          },
        ]
      : []),
  ],
  webServer: [
    {
      command: `rm -rf ${pgliteData} ${pgliteData}.lock && ${load} && node scripts/serve.mjs -p ${port} -H 127.0.0.1`,
      url: `http://127.0.0.1:${port}/api/health`,
      env: {
        DATABASE_URL: "",
        OGI_DATA_DIR: pgliteData,
        OGI_SAMPLE_AGENCIES: "6",
        OGI_E2E_ADMIN_PASSWORD: e2ePassword,
      },
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    ...(postgresUrl
      ? [
          {
            command: `${load} && node scripts/serve.mjs -p ${pgPort} -H 127.0.0.1`,
            url: `http://127.0.0.1:${pgPort}/api/health`,
            env: { DATABASE_URL: postgresUrl, OGI_SAMPLE_AGENCIES: "6", OGI_E2E_ADMIN_PASSWORD: e2ePassword },
            timeout: 180_000,
            reuseExistingServer: false,
            stdout: "pipe" as const,
          },
        ]
      : []),
  ],
});
