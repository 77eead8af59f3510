"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type DragEvent, useRef, useState } from "react";

type Result =
  | {
      file: string;
      status: "new" | "updated" | "unchanged";
      agencyId: number;
      agency: string;
      year: number;
      issueCount: number;
      ocrPages?: number;
    }
  | { file: string; status: "rejected"; code: string; reason: string };
type Row = {
  id: number;
  name: string;
  size: number;
  state: "waiting" | "uploading" | "done" | "failed";
  results: Result[];
  error?: string;
};

const STATUS_LABELS: Record<Result["status"], string> = {
  new: "新增",
  updated: "更新（新版本）",
  unchanged: "未变（已存在）",
  rejected: "拒绝",
};

function formatSize(n: number) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** Drag-and-drop or pick files; each is uploaded on its own so its result shows as soon as it finishes. */
export function ImportUploader() {
  const [rows, setRows] = useState<Row[]>([]);
  const [dragging, setDragging] = useState(false);
  const busy = useRef(false);
  const queue = useRef<{ id: number; file: File }[]>([]);
  const nextId = useRef(1);
  const queryClient = useQueryClient();

  const update = (id: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  async function drain() {
    if (busy.current) return;
    busy.current = true;
    while (queue.current.length) {
      const { id, file } = queue.current.shift()!;
      update(id, { state: "uploading" });
      try {
        const body = new FormData();
        body.append("file", file);
        const response = await fetch("/api/ingest", { method: "POST", body });
        const json = await response.json().catch(() => ({}));
        if (!response.ok)
          update(id, { state: "failed", error: json?.error?.message ?? `上传失败（HTTP ${response.status}）` });
        else update(id, { state: "done", results: json.results as Result[] });
      } catch {
        update(id, { state: "failed", error: "网络错误，上传未完成。" });
      }
    }
    busy.current = false;
    await queryClient.invalidateQueries();
  }

  function addFiles(list: FileList | null) {
    if (!list?.length) return;
    const added = Array.from(list).map((file) => ({ id: nextId.current++, file }));
    queue.current.push(...added);
    setRows((rs) => [
      ...rs,
      ...added.map(({ id, file }) => ({
        id,
        name: file.name,
        size: file.size,
        state: "waiting" as const,
        results: [],
      })),
    ]);
    void drain();
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    addFiles(e.dataTransfer.files);
  };

  const all = rows.flatMap((r) => r.results);
  const tally = (s: Result["status"]) => all.filter((r) => r.status === s).length;

  return (
    <>
      <label
        className={`drop-zone${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input
          type="file"
          multiple
          accept=".html,.htm,.txt,.pdf,.docx,.md,.zip"
          onChange={(e) => addFiles(e.target.files)}
          aria-label="选择报告文件"
        />
        <strong>将年度报告文件或 zip 压缩包拖到这里，或点击选择文件</strong>
        <span className="muted small">
          支持网页（HTML）、PDF、Word（DOCX）、文本、Markdown 与 zip；单个文件上限 50 MB
        </span>
      </label>
      {rows.length > 0 ? (
        <section className="card" aria-live="polite">
          <header className="card-header">
            <h2>导入结果</h2>
            <span className="muted small">
              新增 {tally("new")} · 更新 {tally("updated")} · 未变 {tally("unchanged")} · 拒绝 {tally("rejected")}
            </span>
          </header>
          <table className="data-table">
            <thead>
              <tr>
                <th>文件</th>
                <th>结果</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {rows.flatMap((row) =>
                row.state !== "done"
                  ? [
                      <tr key={row.id}>
                        <td>
                          {row.name} <span className="muted small">{formatSize(row.size)}</span>
                        </td>
                        <td>{row.state === "failed" ? "失败" : row.state === "uploading" ? "导入中…" : "等待中"}</td>
                        <td className={row.state === "failed" ? "error" : "muted"}>{row.error ?? ""}</td>
                      </tr>,
                    ]
                  : row.results.map((r) => (
                      <tr key={`${row.id}-${r.file}`} data-status={r.status}>
                        <td>{r.file}</td>
                        <td>{STATUS_LABELS[r.status]}</td>
                        <td>
                          {r.status === "rejected" ? (
                            <span className="error">{r.reason}</span>
                          ) : (
                            <a href={`/agencies/${r.agencyId}?year=${r.year}`}>
                              {r.agency} {r.year}年报告{r.issueCount ? `（${r.issueCount} 条提示）` : ""}
                            </a>
                          )}
                          {r.status !== "rejected" && r.ocrPages ? (
                            <span className="flag warn ocr-flag">扫描件 · OCR 识别 {r.ocrPages} 页</span>
                          ) : null}
                        </td>
                      </tr>
                    )),
              )}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
