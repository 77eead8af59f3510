"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/** Administrators only: deletes one report version after a confirmation; the previous version becomes current. */
export function DeleteReportButton({ reportId, label }: { reportId: number; label: string }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  // Disabled until hydrated: a click on the server-rendered button would do nothing and look like a failure.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  async function remove() {
    if (
      !window.confirm(`确定删除“${label}”这一版本吗？删除后上一版本（如有）将恢复为当前版本，此操作会记入审计日志。`)
    ) {
      return;
    }
    setState({ busy: true });
    const response = await fetch(`/api/reports/${reportId}`, { method: "DELETE" }).catch(() => null);
    if (!response?.ok) {
      const body = await response?.json().catch(() => null);
      setState({ busy: false, error: body?.error?.message ?? "删除失败，请稍后重试。" });
      return;
    }
    setState({ busy: false });
    router.refresh();
  }
  return (
    <>
      <button type="button" className="tool-button danger" onClick={remove} disabled={!ready || state.busy}>
        {state.busy ? "删除中…" : "删除"}
      </button>
      {state.error ? (
        <span className="error small" role="alert">
          {state.error}
        </span>
      ) : null}
    </>
  );
}
