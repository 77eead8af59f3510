import { formatChinaDate } from "@/lib/china-time";
import { withRoute } from "@/lib/http/with-route";
import { attachmentHeader } from "@/lib/queries/export-table";
import { renderPagePdf } from "@/lib/snapshot/render-page-pdf";
import { snapshotQuerySchema } from "@/lib/snapshot/snapshot-path";

export const dynamic = "force-dynamic";

/** The page title without the characters a file name may not hold (the title is the app's own words). */
const toFileName = (text: string) => text.replace(/[\\/:*?"<>|]+/g, "_").slice(0, 80);

/** The overview or an agency page, as the caller sees it, printed to an A4 PDF by the server's headless Chromium. */
export const GET = withRoute(
  { query: snapshotQuerySchema, permission: "export" },
  async ({ request, query: { path: page }, audit }) => {
    const { bytes, title } = await renderPagePdf(page, request.headers.get("cookie") ?? "");
    const filters = Object.fromEntries(page.query);
    await audit(
      page.kind === "agency"
        ? { action: "export", target: `agency ${page.agencyId}.pdf`, filters: { agency: page.agencyId, ...filters } }
        : { action: "export", target: "overview.pdf", filters },
    );
    const stamp = formatChinaDate();
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": attachmentHeader(`${toFileName(title)}-快照-${stamp}.pdf`, `snapshot-${stamp}.pdf`),
        "Cache-Control": "private, no-store",
      },
    });
  },
);
