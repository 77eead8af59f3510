import type { ReactNode } from "react";
import { TableScroll } from "./table-scroll";

/** A header cell: its label, right-aligned when the column holds numbers, with a class; null leaves the column out. */
export type ScrollTableHeader = string | { label: string; numeric?: boolean; className?: string } | null;

/** A plain table in the app's data-table frame, scrolling sideways when it is wider than its card. */
export function ScrollTable({
  headers,
  label = "表格",
  children,
}: {
  headers: ScrollTableHeader[];
  label?: string;
  children: ReactNode;
}) {
  return (
    <div className="data-table">
      <TableScroll columns={headers.filter((h) => h !== null).length} label={label}>
        <table>
          <thead>
            <tr>
              {headers.map((h) =>
                h === null ? null : typeof h === "string" ? (
                  <th key={h}>{h}</th>
                ) : (
                  <th
                    key={h.label}
                    className={[h.numeric ? "num" : "", h.className ?? ""].join(" ").trim() || undefined}
                  >
                    {h.label}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </TableScroll>
    </div>
  );
}
