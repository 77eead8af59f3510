import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { type BrowserContext, errors, type Page } from "playwright-core";
import { formatChinaTime } from "@/lib/china-time";
import { DomainError, NotFoundError, TimedOutError, UnavailableError } from "@/lib/errors";
import { runWithChromium } from "./run-with-chromium";
import { getSelfOrigin } from "./self-origin";
import type { SnapshotPage } from "./snapshot-path";

export type PagePdf = { bytes: Buffer; title: string };

const APP_NAME = "政府信息公开年报看板";
/** A4's 210 mm less the print style sheet's 10 mm side margins, in CSS pixels: charts are drawn at the page's width. */
const PRINT_WIDTH_PX = 718;
const RENDER_TIMEOUT_MS = 90_000;
/** The network counts as idle after this long without a request in flight. */
const QUIET_MS = 500;
const FONT_STACK = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Chromium's header and footer: the page title and the Beijing time of the snapshot above, 第 N 页 / 共 M 页 below. */
function buildTemplates(title: string, takenAt: Date) {
  const style = `width:100%;margin:0 10mm;font-size:8px;color:#5e6a78;font-family:${FONT_STACK}`;
  return {
    headerTemplate: `<div style="${style};display:flex;justify-content:space-between;gap:12px"><span>${escapeHtml(title)}</span><span>快照时间：${formatChinaTime(takenAt)}（北京时间）</span></div>`,
    footerTemplate: `<div style="${style};text-align:center">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`,
  };
}

/**
 * The caller's cookies, set for this server alone. In the browser's cookie jar, not as a request header: Chromium
 * drops a Cookie header it was given on redirects (the overview sends a supervisor on to `?region=`).
 */
async function addCallerCookies(context: BrowserContext, cookieHeader: string, origin: string) {
  const domain = new URL(origin).hostname.replace(/^\[|\]$/g, "");
  const cookies = cookieHeader
    .split(";")
    .map((pair) => pair.trim().split(/=(.*)/s, 2) as [string, string | undefined])
    .filter(([name, value]) => name && value !== undefined)
    .map(([name, value]) => ({
      name,
      value: value ?? "",
      domain,
      path: "/",
      httpOnly: true,
      sameSite: "Lax" as const,
      // A loopback address counts as secure: a __Secure- cookie of an HTTPS deployment is sent to it over http.
      secure: /^__(?:Secure|Host)-/.test(name),
    }));
  if (cookies.length) await context.addCookies(cookies);
}

/** True once nothing loads and every chart has drawn (runs in the page). */
function isPageDrawn(): boolean {
  if (document.readyState !== "complete") return false;
  if (document.querySelector('.skeleton, [aria-busy="true"]')) return false;
  return Array.from(document.querySelectorAll("[data-chart]")).every((c) => c.getAttribute("data-rendered") === "true");
}

/** Counts the page's requests in flight from before it loads, so none that started early goes unseen. */
function trackRequests(page: Page) {
  let inFlight = 0;
  let lastActivity = Date.now();
  const start = () => {
    inFlight++;
    lastActivity = Date.now();
  };
  const end = () => {
    inFlight = Math.max(0, inFlight - 1);
    lastActivity = Date.now();
  };
  page.on("request", start);
  page.on("requestfinished", end);
  page.on("requestfailed", end);
  return { isQuiet: () => inFlight === 0 && Date.now() - lastActivity >= QUIET_MS };
}

/** Waits until every chart is drawn while no request has been in flight for QUIET_MS, and the fonts are loaded. */
async function waitUntilDrawn(page: Page, requests: ReturnType<typeof trackRequests>, deadline: number) {
  while (Date.now() < deadline) {
    if (requests.isQuiet() && (await page.evaluate(isPageDrawn))) {
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return;
    }
    await sleep(100);
  }
  throw new errors.TimeoutError("page did not finish drawing");
}

/** The page's title for the header and the file name: its heading, with the year an agency page shows. */
async function readTitle(page: Page): Promise<string> {
  const { title, heading } = await page.evaluate(() => ({
    title: document.title,
    heading: document.querySelector("h1")?.textContent?.trim() ?? "",
  }));
  const own = title.replace(new RegExp(` · ${APP_NAME}$`), "");
  return heading && !own.includes(heading) ? heading : own || heading || APP_NAME;
}

/** A chart or the page that says it failed (an error card, 无权查看该地区) is no snapshot to hand on. */
async function assertNoErrorShown(page: Page) {
  const shown = await page.evaluate(() =>
    Array.from(document.querySelectorAll(".state-error")).map((e) => e.textContent?.replace(/\s+/g, " ").trim() ?? ""),
  );
  if (shown.length) {
    throw new UnavailableError(
      "SNAPSHOT_PAGE_ERROR",
      `页面未能完整显示，未生成 PDF 快照：${shown[0].replace(/重试$/, "").slice(0, 120)}`,
    );
  }
}

async function renderInBrowser(page: Page, target: SnapshotPage, origin: string, takenAt: Date) {
  const deadline = Date.now() + RENDER_TIMEOUT_MS;
  page.setDefaultTimeout(RENDER_TIMEOUT_MS);
  await page.emulateMedia({ media: "print" });
  const requests = trackRequests(page);
  const response = await page.goto(`${origin}${target.path}`, { waitUntil: "load" });
  const landed = new URL(page.url());
  if (landed.origin !== origin || landed.pathname === "/login") {
    throw new UnavailableError(
      "SNAPSHOT_SIGNED_OUT",
      "无法生成 PDF 快照：页面未能以您的登录身份打开，请重新登录后再试。",
    );
  }
  const status = response?.status() ?? 0;
  if (status === 404) throw new NotFoundError("无法生成 PDF 快照：页面不存在，或不在您的查看范围内。");
  if (status >= 400)
    throw new UnavailableError("SNAPSHOT_PAGE_ERROR", `无法生成 PDF 快照：页面返回错误（${status}）。`);
  await waitUntilDrawn(page, requests, deadline);
  await assertNoErrorShown(page);
  const title = await readTitle(page);
  const bytes = await page.pdf({
    format: "A4",
    printBackground: true,
    displayHeaderFooter: true,
    margin: { top: "14mm", bottom: "14mm", left: "10mm", right: "10mm" },
    ...buildTemplates(`${title} · ${APP_NAME}`, takenAt),
  });
  return { bytes, title };
}

/**
 * The page as the caller sees it, printed to an A4 PDF by the server's headless Chromium: the page is opened on the
 * server's own address with the caller's cookie (so with exactly the caller's scope), in print media at the page's
 * width, once every chart has drawn.
 */
export async function renderPagePdf(target: SnapshotPage, cookie: string, takenAt = new Date()): Promise<PagePdf> {
  const origin = getSelfOrigin();
  return runWithChromium(async (browser) => {
    const context = await browser.newContext({
      viewport: { width: PRINT_WIDTH_PX, height: 1000 },
      deviceScaleFactor: 2,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      serviceWorkers: "block",
    });
    try {
      await addCallerCookies(context, cookie, origin);
      // Only this server: a page that tried to load anything from elsewhere gets nothing.
      await context.route("**/*", (route) =>
        new URL(route.request().url()).origin === origin ? route.continue() : route.abort("blockedbyclient"),
      );
      return await renderInBrowser(await context.newPage(), target, origin, takenAt);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (error instanceof errors.TimeoutError) {
        throw new TimedOutError(
          "SNAPSHOT_TIMEOUT",
          `生成 PDF 快照超时：页面在 ${RENDER_TIMEOUT_MS / 1000} 秒内没有画完全部图表，请稍后重试。`,
        );
      }
      console.error("snapshot: rendering failed", error);
      throw new UnavailableError(
        "SNAPSHOT_FAILED",
        "生成 PDF 快照失败：服务器上的 Chromium 浏览器出错，请稍后重试；如反复出现请联系管理员。",
      );
    } finally {
      await context.close().catch(() => undefined);
    }
  });
}
