import type { z } from "zod";

/** Request parameters by the names the pages use for them. */
const PARAM_LABELS: Record<string, string> = {
  region: "地区",
  from: "起始年度",
  to: "截止年度",
  year: "年度",
  kind: "机关类型",
  layout: "表格版式",
  metric: "指标",
  group: "分组",
  format: "下载格式",
  rows: "数据范围",
  chart: "图表",
  id: "编号",
  limit: "条数",
  offset: "起始位置",
};

const HAS_CHINESE = /[\u4e00-\u9fff]/;

function reasonOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "number" || issue.expected === "int" ? "应为数字" : "类型不对";
    case "too_small":
    case "too_big":
      return "超出允许的范围";
    case "invalid_value":
      return "不是可选的值之一";
    case "invalid_format":
    case "invalid_union":
      return "格式不对";
    case "unrecognized_keys":
      return `含有不认识的参数（${issue.keys.join("、")}）`;
    default:
      return "无效";
  }
}

/** One Chinese sentence for what is wrong with a request's input: our own messages, else the parameter and why. */
export function describeInputIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.map((issue) => {
    if (HAS_CHINESE.test(issue.message)) return issue.message;
    const key = issue.path.map(String).join(".");
    const name = PARAM_LABELS[key] ?? key;
    return name ? `参数“${name}”${reasonOf(issue)}` : `参数${reasonOf(issue)}`;
  });
  return [...new Set(parts)].join("；");
}
