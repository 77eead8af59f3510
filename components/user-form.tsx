"use client";

import { useEffect, useId, useRef, useState } from "react";
import { RegionPicker } from "./region-picker";

export type UserRole = "admin" | "supervisor";

export type UserSettings = { name: string; role: UserRole; regionCode: string | null; canExport: boolean };

/** A user as the edit dialog needs it: the settings plus the region's full name for the picker's first paint. */
export type EditableUser = UserSettings & { id: string; email: string; regionLabel: string | null };

export async function sendJson(url: string, method: string, body: unknown) {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error("无法连接服务器，请检查网络后重试。");
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error(data?.error?.message ?? "操作失败，请稍后重试。");
  return data;
}

/** The settings in a user form; a disabled export box (administrators) submits nothing, so the role decides. */
function readSettings(form: FormData): UserSettings {
  const role = form.get("role") === "admin" ? "admin" : "supervisor";
  return {
    name: String(form.get("name") ?? "").trim(),
    role,
    regionCode: role === "admin" ? null : String(form.get("regionCode") ?? "") || null,
    canExport: role === "admin" || form.get("canExport") === "on",
  };
}

/** Name, role, region (supervisors only: administrators see every region) and export right. */
function UserFields({ initial, regionLabel }: { initial: UserSettings; regionLabel: string | null }) {
  const [role, setRole] = useState<UserRole>(initial.role);
  const [canExport, setCanExport] = useState(initial.canExport);
  const region = initial.regionCode ? { code: initial.regionCode, label: regionLabel ?? initial.regionCode } : null;
  return (
    <>
      <label className="field">
        <span className="field-label">姓名</span>
        <input name="name" className="text-input" defaultValue={initial.name} autoComplete="off" />
      </label>
      <label className="field">
        <span className="field-label">角色</span>
        <select
          name="role"
          className="text-input"
          value={role}
          onChange={(event) => setRole(event.target.value as UserRole)}
        >
          <option value="supervisor">监督员</option>
          <option value="admin">管理员</option>
        </select>
      </label>
      <div className="field wide">
        {role === "supervisor" ? (
          <RegionPicker
            label="地区"
            name="regionCode"
            defaultValue={region}
            hint="监督员只能查看该地区及其下级地区的数据。可输入名称搜索，或按 ↓ 逐级选择省、市、县。"
          />
        ) : (
          <>
            <span className="field-label">地区</span>
            <p className="static-value">全部地区（管理员不限地区）</p>
          </>
        )}
      </div>
      <label className="field checkbox-field">
        <input
          name="canExport"
          type="checkbox"
          checked={role === "admin" || canExport}
          disabled={role === "admin"}
          onChange={(event) => setCanExport(event.target.checked)}
        />
        <span>可导出数据{role === "admin" ? "（管理员总是可以）" : ""}</span>
      </label>
    </>
  );
}

const NEW_USER: UserSettings = { name: "", role: "supervisor", regionCode: null, canExport: true };

/** The new-user form; the generated one-time password goes to `onCreated`, which shows it once. */
export function CreateUserForm({ onCreated }: { onCreated: (email: string, password: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [generation, setGeneration] = useState(0);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const data = await sendJson("/api/admin/users", "POST", { email: form.get("email"), ...readSettings(form) });
      setGeneration((g) => g + 1);
      onCreated(data.user.email, data.password);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <form key={generation} className="user-form" onSubmit={submit} noValidate>
      <div className="form-grid">
        <label className="field">
          <span className="field-label">邮箱（登录账号）</span>
          <input name="email" type="email" className="text-input" autoComplete="off" spellCheck={false} />
        </label>
        <UserFields initial={NEW_USER} regionLabel={null} />
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary-button" disabled={pending}>
          {pending ? "正在创建…" : "创建用户"}
        </button>
        <span className="field-hint">创建后显示一次性密码，请交给用户，由其首次登录后自行修改。</span>
      </div>
    </form>
  );
}

/** What changed, for the PATCH (and so for the audit log): only the fields the administrator altered. */
function changedSettings(before: UserSettings, after: UserSettings): Partial<UserSettings> {
  const keys = (Object.keys(after) as (keyof UserSettings)[]).filter((key) => after[key] !== before[key]);
  return Object.fromEntries(keys.map((key) => [key, after[key]]));
}

/** A modal editor for one user's name, role, region and export right. */
export function EditUserDialog({
  user,
  onClose,
  onSaved,
}: {
  user: EditableUser;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const settings = readSettings(new FormData(event.currentTarget));
    const change = changedSettings(user, settings);
    if (Object.keys(change).length === 0) {
      dialog.current?.close();
      return;
    }
    setPending(true);
    setError(null);
    try {
      await sendJson(`/api/admin/users/${user.id}`, "PATCH", { action: "update", ...change });
      onSaved(`已保存 ${user.email} 的设置，该用户须重新登录。`);
      dialog.current?.close();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <dialog ref={dialog} className="modal" aria-labelledby={headingId} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id={headingId}>编辑用户</h2>
        <p className="muted">{user.email}</p>
        <div className="form-grid">
          <UserFields initial={user} regionLabel={user.regionLabel} />
        </div>
        <p className="field-hint">保存后该用户的登录会结束，须重新登录，新的角色、地区和导出权限从下次登录起生效。</p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="form-actions end">
          <button type="button" className="tool-button" onClick={() => dialog.current?.close()}>
            取消
          </button>
          <button type="submit" className="primary-button" disabled={pending}>
            {pending ? "正在保存…" : "保存"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
