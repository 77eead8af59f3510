"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card error-page" role="alert">
      <h1>页面暂时无法显示</h1>
      <p>{error.message?.includes("数据库") ? error.message : "服务暂时不可用，可能是数据库无法连接。请稍后重试。"}</p>
      <button type="button" onClick={reset}>
        重试
      </button>
    </div>
  );
}
