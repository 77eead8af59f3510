import type { AgencySource } from "./agency-candidates";
import { findAgency } from "./find-agency";
import type { IssueList } from "./issues";
import { completeAgency } from "./meta";
import type { RegionResolution } from "./schema";

const SOURCE_LABELS: Record<AgencySource, string> = {
  title: "标题",
  metadata: "页面的发布机构信息",
  signature: "文末落款",
  statement: "“本报告由……编制”一句",
  fileName: "文件名",
};

/** The publishing agency with the issues that say where it came from when that was not simply the title. */
export function readAgency(
  doc: { titles: string[]; lines: string[] },
  text: string,
  fileName: string | undefined,
  issues: IssueList,
): string | null {
  const found = findAgency({ titles: doc.titles, lines: doc.lines, text, fileName });
  if (!found.agency || !found.source) {
    issues.add("AGENCY_UNKNOWN", "error", "无法从标题、落款、发布机构信息或文件名中识别发布机关名称", []);
    return null;
  }
  if (found.source !== "title") {
    const label = SOURCE_LABELS[found.source];
    const message = !found.titleName
      ? `标题中未写明发布机关，机关名称“${found.agency}”取自${label}`
      : found.titleAgrees
        ? `标题只写了“${found.titleName}”，机关名称“${found.agency}”取自${label}`
        : `机关名称“${found.agency}”取自${label}，标题中为“${found.titleName}”`;
    issues.add("AGENCY_FROM_SOURCE", "info", message, [], {
      source: found.source,
    });
  }
  if (found.abbreviation) {
    issues.add(
      "AGENCY_EXPANDED",
      "info",
      `文档中的“${found.abbreviation}”是简称，机关名称采用文中写出的全称“${found.agency}”`,
      [],
    );
  }
  const completed = completeAgency(found.agency, text);
  if (completed.completed) {
    const where = found.source === "title" ? "标题" : SOURCE_LABELS[found.source];
    issues.add(
      "AGENCY_COMPLETED",
      "info",
      `${where}只写了地名“${found.agency}”，机关名称按正文补全为“${completed.agency}”`,
      [],
    );
  }
  return completed.agency;
}

/** Info issues for a region read through a misprinted place name or a functional zone. */
export function noteRegionReading(resolution: RegionResolution, issues: IssueList): void {
  const path = resolution.region?.path ?? [];
  if (resolution.corrected) {
    const { printed, name } = resolution.corrected;
    const parent = path.slice(0, path.indexOf(name)).join("");
    issues.add(
      "REGION_NAME_CORRECTED",
      "info",
      `机关名称中的“${printed}”与行政区划名称不符，按“${name}”${parent ? `（${parent}）` : ""}归属`,
      [],
      { printed, resolved: name },
    );
  }
  if (resolution.zone) {
    issues.add(
      "REGION_FUNCTIONAL_ZONE",
      "info",
      `“${resolution.zone}”是功能区，不是行政区划，按所在的“${path.join("")}”归属`,
      [],
      { zone: resolution.zone },
    );
  }
}
