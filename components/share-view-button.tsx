"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useQueryState } from "nuqs";
import { useId, useRef, useState } from "react";
import type { ChartTable } from "@/lib/charts/chart-table";
import { tableViewParser } from "@/lib/filters/url-parsers";
import "./share-view.css";

type Share = { path: string; datasetVersion: string; frozenAt: string };
type Copied = "" | "ok" | "manual";

async function postShare(search: string, tables: string[]): Promise<Share> {
  let response: Response;
  try {
    response = await fetch("/api/shares", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ search, tables }),
    });
  } catch {
    throw new Error("网络连接失败，请检查网络后重试。");
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `生成分享链接失败（HTTP ${response.status}）`);
  return body as Share;
}

/**
 * "分享当前视图": the server freezes the view's tables and answers with a link; a dialog shows it with a copy button.
 * When the page still shows an older dataset version than the one frozen, its charts are refreshed to match.
 */
export function ShareViewButton({ search }: { search: string }) {
  const client = useQueryClient();
  const [tables] = useQueryState("table", tableViewParser);
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const [pending, setPending] = useState(false);
  const [share, setShare] = useState<Share | null>(null);
  const [refreshed, setRefreshed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<Copied>("");

  async function open() {
    setPending(true);
    setError(null);
    setCopied("");
    try {
      const created = await postShare(search, tables);
      // The charts on screen now (active queries), not those cached from pages seen before.
      const shown = client.getQueryCache().findAll({ queryKey: ["chart"], type: "active" });
      const stale = shown.some((q) => {
        const version = (q.state.data as ChartTable | undefined)?.datasetVersion;
        return version !== undefined && version !== created.datasetVersion;
      });
      if (stale) await client.invalidateQueries({ queryKey: ["chart"], type: "active" });
      setRefreshed(stale);
      setShare(created);
    } catch (failure) {
      setShare(null);
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPending(false);
      if (!dialog.current?.open) dialog.current?.showModal();
    }
  }

  async function copy(link: string) {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("ok");
    } catch {
      // No clipboard API outside a secure context (http on a LAN address): select it for Ctrl+C.
      field.current?.select();
      setCopied(document.execCommand?.("copy") ? "ok" : "manual");
    }
  }

  const link = share ? `${window.location.origin}${share.path}` : "";
  return (
    <>
      <button type="button" className="tool-button share-button" onClick={open} disabled={pending}>
        {pending ? "正在生成链接…" : "分享当前视图"}
      </button>
      <dialog ref={dialog} className="modal share-dialog" aria-labelledby={headingId}>
        <h2 id={headingId}>分享当前视图</h2>
        {share ? (
          <>
            <p data-testid="share-summary">
              链接冻结了 {share.frozenAt} 的数据（数据版本 {share.datasetVersion}），对方看到的数字与您现在看到的一致。
            </p>
            {refreshed ? <p className="notice">生成链接时数据刚好有更新：本页图表已刷新为链接中的这一版本。</p> : null}
            <div className="share-link-row">
              <label className="field">
                <span className="field-label">分享链接</span>
                <input
                  ref={field}
                  className="text-input share-link"
                  readOnly
                  value={link}
                  spellCheck={false}
                  onFocus={(event) => event.currentTarget.select()}
                />
              </label>
              <button type="button" className="tool-button" onClick={() => copy(link)}>
                复制链接
              </button>
            </div>
            <p className="copy-status" role="status">
              {copied === "ok"
                ? "已复制到剪贴板。"
                : copied === "manual"
                  ? "浏览器不允许自动复制：链接已选中，请按 Ctrl+C。"
                  : ""}
            </p>
            <p className="muted small">
              对方须登录，且账号的数据范围须包含本视图的地区。链接打开的是只读的冻结视图，此后导入或删除报告不会改变其中的数字；如有更新，页面顶部会提示并链接到最新数据。
            </p>
          </>
        ) : (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions end">
          <button type="button" className="tool-button" onClick={() => dialog.current?.close()}>
            关闭
          </button>
        </div>
      </dialog>
    </>
  );
}
