import {
  APPLICANT_GROUP_LABEL,
  APPLICATIONS_NOTE,
  type ApplicationRowLayout,
  listApplicationRows,
  ORG_GROUP_LABEL,
  OUTCOMES_GROUP_LABEL,
} from "@/lib/report/official-layout";
import {
  APPLICANT_COLUMN_LABELS,
  APPLICANT_COLUMNS,
  type ApplicantColumn,
  type ApplicationRowKey,
} from "@/lib/report/schema";
import { type Builder, buildDerivedCell, buildValueCell } from "./builder";
import { addDeviation } from "./expected";
import type { DocCell, DocRow, DocTable, RowEquation } from "./types";

const ORG_COLUMNS: ApplicantColumn[] = APPLICANT_COLUMNS.filter((c) => c !== "natural" && c !== "total");

/** 表三: the three-row applicant header, then the layout's rows; maybe an org subtotal column or 小计 rows. */
export function buildApplicationsTable(b: Builder): DocTable {
  const subtotalColumn = b.plan.orgSubtotalColumn;
  const valueColumns: (ApplicantColumn | "orgSubtotal")[] = subtotalColumn
    ? ["natural", ...ORG_COLUMNS, "orgSubtotal", "total"]
    : [...APPLICANT_COLUMNS];
  const n = valueColumns.length;
  const idx = (c: ApplicantColumn | "orgSubtotal") => valueColumns.indexOf(c);
  const equations: RowEquation[] = [
    { target: idx("total"), parts: (["natural", ...ORG_COLUMNS] as ApplicantColumn[]).map((c) => idx(c)) },
    ...(subtotalColumn ? [{ target: idx("orgSubtotal"), parts: ORG_COLUMNS.map((c) => idx(c)) }] : []),
  ];
  const rows: DocRow[] = [
    {
      cells: [
        { text: APPLICATIONS_NOTE, role: "note", colSpan: 3, rowSpan: 3 },
        { text: APPLICANT_GROUP_LABEL, role: "header", colSpan: n },
      ],
    },
    {
      cells: [
        { text: APPLICANT_COLUMN_LABELS.natural, role: "header", rowSpan: 2 },
        { text: ORG_GROUP_LABEL, role: "header", colSpan: n - 2 },
        { text: APPLICANT_COLUMN_LABELS.total, role: "header", rowSpan: 2 },
      ],
    },
    {
      cells: [
        ...ORG_COLUMNS.map((c): DocCell => ({ text: APPLICANT_COLUMN_LABELS[c], role: "header" })),
        ...(subtotalColumn ? [{ text: "小计", role: "header" } as DocCell] : []),
      ],
    },
  ];
  if (subtotalColumn) addDeviation(b, "org-subtotal-column", [], "optional", "增设“法人或其他组织小计”列");

  const valuesOf = (key: ApplicationRowKey): DocCell[] =>
    valueColumns.map((c) => {
      if (c === "orgSubtotal") {
        const sum = ORG_COLUMNS.reduce((s, o) => s + (b.cells[`applications.${key}.${o}`]?.value ?? 0), 0);
        return buildDerivedCell(b, "applications", sum, "orgSubtotal");
      }
      return buildValueCell(b, "applications", `applications.${key}.${c}`, "count", c);
    });
  const subtotalOf = (keys: ApplicationRowKey[]): DocCell[] =>
    valueColumns.map((c) => {
      const cols = c === "orgSubtotal" ? ORG_COLUMNS : [c];
      const sum = keys.reduce(
        (s, k) => s + cols.reduce((t, col) => t + (b.cells[`applications.${k}.${col}`]?.value ?? 0), 0),
        0,
      );
      return buildDerivedCell(b, "applications", sum, c);
    });

  const layoutRows = listApplicationRows(b.layout, { singleOtherRow: b.plan.singleOtherRow });
  const outcomeRows = layoutRows.filter((r) => r.kind !== "top");
  const withSubtotal = (r: ApplicationRowLayout) => b.plan.subtotalRows && r.kind === "group" && r.items.length > 1;
  const outcomePrinted = outcomeRows.reduce(
    (s, r) => s + (r.kind === "group" ? r.items.length + (withSubtotal(r) ? 1 : 0) : 1),
    0,
  );
  if (b.plan.subtotalRows) addDeviation(b, "subtotal-rows", [], "optional", "（三）至（六）各加“小计”行");
  let outcomesOpened = false;
  for (const r of layoutRows) {
    const lead: DocCell[] = [];
    if (r.kind !== "top" && !outcomesOpened) {
      lead.push({ text: OUTCOMES_GROUP_LABEL, role: "label", rowSpan: outcomePrinted });
      outcomesOpened = true;
    }
    if (r.kind === "top") {
      rows.push({ cells: [{ text: r.label, role: "label", colSpan: 3 }, ...valuesOf(r.key)], equations });
    } else if (r.kind === "single") {
      rows.push({ cells: [...lead, { text: r.label, role: "label", colSpan: 2 }, ...valuesOf(r.key)], equations });
    } else {
      const span = r.items.length + (withSubtotal(r) ? 1 : 0);
      r.items.forEach((item, i) => {
        const group: DocCell[] = i === 0 ? [{ text: r.label, role: "label", rowSpan: span }] : [];
        rows.push({
          cells: [...(i === 0 ? lead : []), ...group, { text: item.label, role: "label" }, ...valuesOf(item.key)],
          equations,
        });
      });
      if (withSubtotal(r)) {
        rows.push({
          cells: [{ text: "小计", role: "label" }, ...subtotalOf(r.items.map((item) => item.key))],
          equations,
        });
      }
    }
  }
  return { id: "applications", columnCount: 3 + n, rows };
}
