"use client";

import { useState } from "react";
import "./scan-cells.css";

export type ScanPageSize = { page: number; width: number; height: number; skew: number };
export type ScanCell = {
  path: string;
  message: string;
  severity: string;
  page: number;
  box: { x: number; y: number; w: number; h: number };
};

const pct = (n: number) => `${(n * 100).toFixed(3)}%`;

/**
 * The cells of a scanned report whose OCR reading was doubtful or chosen by the tables' arithmetic: selecting one
 * shows its page as OCR read it, the cell framed, so that the reading can be checked against the scan.
 */
export function ScanCells({
  documentId,
  pages,
  cells,
}: {
  documentId: number;
  pages: ScanPageSize[];
  cells: ScanCell[];
}) {
  const [selected, setSelected] = useState<number | null>(null);
  if (cells.length === 0) return <p className="muted small">OCR 识别的数字均与表内勾稽关系相符，未发现存疑单元格。</p>;
  const cell = selected === null ? null : cells[selected];
  const size = cell ? pages.find((p) => p.page === cell.page) : undefined;
  return (
    <div className="scan-cells">
      <ul className="scan-cell-list" aria-label="OCR 存疑单元格">
        {cells.map((c, i) => (
          <li key={`${c.path}-${c.page}`}>
            <button
              type="button"
              className={`scan-cell-button ${c.severity}${selected === i ? " selected" : ""}`}
              aria-pressed={selected === i}
              onClick={() => setSelected(selected === i ? null : i)}
            >
              {c.message}
            </button>
          </li>
        ))}
      </ul>
      {cell && size ? (
        <figure className="scan-page">
          <figcaption>第 {cell.page} 页（扫描件经 OCR 识别时的图像，红框为所选单元格）</figcaption>
          <div className="scan-page-frame">
            {/* biome-ignore lint/performance/noImgElement: a generated page image of the scan, not a static asset */}
            <img
              src={`/api/documents/${documentId}/scan-page?page=${cell.page}&skew=${size.skew}`}
              alt={`扫描件第 ${cell.page} 页`}
              width={size.width}
              height={size.height}
            />
            <div
              className="scan-mark"
              data-testid="scan-mark"
              style={{
                left: pct(cell.box.x / size.width),
                top: pct(cell.box.y / size.height),
                width: pct(cell.box.w / size.width),
                height: pct(cell.box.h / size.height),
              }}
            />
          </div>
        </figure>
      ) : (
        <p className="muted small">选择一个单元格，查看它在扫描件上的位置。</p>
      )}
    </div>
  );
}
