import "server-only";
import { type Browser, chromium } from "playwright-core";
import { UnavailableError } from "@/lib/errors";

const CHROMIUM_PATH = process.env.OGI_CHROMIUM_PATH || "/usr/bin/chromium";
const LAUNCH_TIMEOUT_MS = 30_000;
const IDLE_CLOSE_MS = 60_000;
/** Renders waiting or running at once; more are told to come back rather than queue for minutes. */
const MAX_PENDING = 4;

type State = {
  browser: Promise<Browser> | null;
  queue: Promise<unknown>;
  pending: number;
  idleTimer: NodeJS.Timeout | null;
};

// On globalThis: a development reload re-evaluates this module, and must not start a second browser beside the first.
const KEY = Symbol.for("ogi.snapshot.chromium");
const globals = globalThis as typeof globalThis & { [KEY]?: State };
globals[KEY] ??= { browser: null, queue: Promise.resolve(), pending: 0, idleTimer: null };
const state: State = globals[KEY];

function launchBrowser(): Promise<Browser> {
  const launched = chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    timeout: LAUNCH_TIMEOUT_MS,
    // Chromium's sandbox needs user namespaces a server container rarely grants; it only ever opens our own pages.
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking"],
  });
  const forget = () => {
    if (state.browser === launched) state.browser = null;
  };
  launched.then((browser) => browser.on("disconnected", forget), forget);
  return launched;
}

function closeIdleBrowser() {
  const browser = state.browser;
  state.browser = null;
  state.idleTimer = null;
  browser?.then((b) => b.close()).catch(() => undefined);
}

async function openBrowser(): Promise<Browser> {
  state.browser ??= launchBrowser();
  try {
    return await state.browser;
  } catch (error) {
    console.error("snapshot: Chromium did not start", error);
    throw new UnavailableError(
      "SNAPSHOT_BROWSER_UNAVAILABLE",
      "无法生成 PDF 快照：服务器上的 Chromium 浏览器未能启动，请联系管理员检查服务器环境。",
    );
  }
}

/**
 * Runs `use` with the server's one headless Chromium, one call at a time (a queue); the browser starts on first use
 * and closes after a minute without use. A browser that fails or dies is started afresh by the next call.
 */
export async function runWithChromium<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  if (state.pending >= MAX_PENDING) {
    throw new UnavailableError("SNAPSHOT_BUSY", "服务器正在生成其他 PDF 快照，请稍后再试。");
  }
  state.pending++;
  const turn = state.queue.then(async () => {
    if (state.idleTimer) clearTimeout(state.idleTimer);
    state.idleTimer = null;
    try {
      return await use(await openBrowser());
    } finally {
      state.idleTimer = setTimeout(closeIdleBrowser, IDLE_CLOSE_MS);
      state.idleTimer.unref();
    }
  });
  state.queue = turn.catch(() => undefined);
  try {
    return await turn;
  } finally {
    state.pending--;
  }
}
