import { normaliseLabel, type RankCandidate } from "../labels";
import {
  type ActiveRowKey,
  APPLICATION_ROW_KEYS,
  APPLICATION_ROWS,
  type ApplicationRowKey,
  OTHER_HANDLING_SUB_ROWS,
} from "../schema";

/** The official row labels a printed label is matched against. */
export const ACTIVE_CANDIDATES: RankCandidate<ActiveRowKey>[] = [
  { key: "rules", canonical: ["规章"] },
  { key: "normativeDocs", canonical: ["行政规范性文件", "规范性文件"] },
  { key: "licensing", canonical: ["行政许可"] },
  { key: "otherServices", canonical: ["其他对外管理服务事项"] },
  { key: "penalty", canonical: ["行政处罚"] },
  { key: "coercion", canonical: ["行政强制"] },
  { key: "fees", canonical: ["行政事业性收费"] },
  { key: "procurement", canonical: ["政府集中采购"] },
];

/** A table B row, or `_subtotal`: a group's 小计/合计 row, checked against its items but not stored. */
export type ApplicationCandidateKey = ApplicationRowKey | "_subtotal";

const GROUP_LABELS = ["不予公开", "无法提供", "不予处理", "本年度办理结果", "小计", "合计"];
export const APPLICATION_CANDIDATES: RankCandidate<ApplicationCandidateKey>[] = [
  ...APPLICATION_ROW_KEYS.map((key) => {
    const label = APPLICATION_ROWS[key].label;
    const specific = normaliseLabel(label.split(" ").pop() ?? label);
    return { key, canonical: [specific, normaliseLabel(label)] };
  }),
  { key: "_subtotal", canonical: GROUP_LABELS },
];
// One array per layout: rankLabel memoises per candidate list identity.
export const APPLICATION_CANDIDATES_2019 = APPLICATION_CANDIDATES.filter(
  (c) => c.key === "_subtotal" || !OTHER_HANDLING_SUB_ROWS.includes(c.key),
);
