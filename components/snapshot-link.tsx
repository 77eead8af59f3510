"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { type MouseEvent, useState } from "react";

/** The file name a Content-Disposition header gives (its UTF-8 form first). */
function readFileName(header: string | null): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header ?? "")?.[1];
  if (utf8) return decodeURIComponent(utf8);
  return /filename="([^"]+)"/i.exec(header ?? "")?.[1] ?? "snapshot.pdf";
}

async function readErrorMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `生成 PDF 快照失败（${response.status}），请稍后重试。`;
}

/**
 * "下载 PDF 快照": the server prints the page as the user sees it now (path and query). The file is fetched here, so
 * the wait shows on the button and a failure is said on the page rather than downloaded as a file.
 */
export function SnapshotLink() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const href = `/api/snapshot?${new URLSearchParams({ path: `${pathname}${search ? `?${search}` : ""}` })}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = async (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(href);
      if (!response.ok) {
        setError(await readErrorMessage(response));
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = readFileName(response.headers.get("content-disposition"));
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setError("生成 PDF 快照失败：无法连接服务器，请稍后重试。");
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="snapshot-link">
      <a
        className="tool-button"
        href={href}
        download
        data-download="page-pdf"
        aria-busy={busy}
        aria-disabled={busy}
        onClick={download}
        title="由服务器按 A4 纸排版生成，含全部图表及其说明行、页码和快照时间"
      >
        {busy ? "正在生成 PDF 快照…" : "下载 PDF 快照"}
      </a>
      {error ? (
        <span className="snapshot-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
