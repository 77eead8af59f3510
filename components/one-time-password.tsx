"use client";

import { useEffect, useId, useRef, useState } from "react";

/** A new or reset password, shown once: selectable, copyable, with what to do with it. */
export function OneTimePassword({
  title,
  email,
  password,
  onDismiss,
}: {
  title: string;
  email: string;
  password: string;
  onDismiss: () => void;
}) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"" | "ok" | "manual">("");

  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied("ok");
    } catch {
      // No clipboard API outside a secure context (http on a LAN address): select it for Ctrl+C.
      field.current?.select();
      setCopied(document.execCommand?.("copy") ? "ok" : "manual");
    }
  }

  return (
    <section className="card secret-card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p>
        账号 <strong>{email}</strong> 的一次性密码如下。<strong>它只显示这一次</strong>
        ：关闭或离开本页后无法再查看，只能再次重置。
      </p>
      <div className="secret-row">
        <label className="field">
          <span className="field-label">一次性密码</span>
          <input
            ref={field}
            className="text-input secret-value"
            readOnly
            value={password}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
        </label>
        <button type="button" className="tool-button" onClick={copy}>
          复制密码
        </button>
        <span className="copy-status" role="status">
          {copied === "ok"
            ? "已复制到剪贴板。"
            : copied === "manual"
              ? "浏览器不允许自动复制：密码已选中，请按 Ctrl+C。"
              : ""}
        </span>
      </div>
      <p className="muted">请通过安全的渠道交给用户；用户登录后应立即在“我的账号”中修改密码。</p>
      <div className="form-actions">
        <button type="button" className="tool-button" onClick={onDismiss}>
          我已记下，关闭
        </button>
      </div>
    </section>
  );
}
