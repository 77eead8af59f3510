export type AuditAction =
  | "sign-in"
  | "sign-in.failed"
  | "sign-in.locked"
  | "sign-out"
  | "export"
  | "document.download"
  | "ingest"
  | "report.delete"
  | "share.create"
  | "user.create"
  | "user.update"
  | "user.disable"
  | "user.enable"
  | "user.reset-password"
  | "user.change-password";

export const AUDIT_ACTION_NAMES: Record<AuditAction, string> = {
  "sign-in": "登录",
  "sign-in.failed": "登录失败",
  "sign-in.locked": "登录被限制",
  "sign-out": "退出登录",
  export: "导出数据",
  "document.download": "下载原始文档",
  ingest: "导入报告",
  "report.delete": "删除报告",
  "share.create": "分享冻结视图",
  "user.create": "新建用户",
  "user.update": "修改用户",
  "user.disable": "停用用户",
  "user.enable": "启用用户",
  "user.reset-password": "重置密码",
  "user.change-password": "修改本人密码",
};

/** The Chinese name of a stored action; an action this version does not know shows as stored. */
export function nameAuditAction(action: string): string {
  return AUDIT_ACTION_NAMES[action as AuditAction] ?? action;
}
