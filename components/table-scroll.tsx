"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import "./data-table.css";

type Overflow = { wide: boolean; atStart: boolean; atEnd: boolean };

/** A table's scroll frame; when the table is wider than its card, a cue says so and which way there is more. */
export function TableScroll({ columns, label, children }: { columns: number; label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState<Overflow>({ wide: false, atStart: true, atEnd: true });

  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const measure = () => {
      const wide = frame.scrollWidth > frame.clientWidth + 1;
      const atStart = frame.scrollLeft <= 1;
      const atEnd = frame.scrollLeft + frame.clientWidth >= frame.scrollWidth - 1;
      setOverflow((o) =>
        o.wide === wide && o.atStart === atStart && o.atEnd === atEnd ? o : { wide, atStart, atEnd },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    const table = frame.querySelector("table");
    if (table) observer.observe(table);
    frame.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      frame.removeEventListener("scroll", measure);
    };
  }, []);

  return (
    <>
      <div
        ref={ref}
        className="table-scroll"
        data-wide={overflow.wide}
        // A region wider than its frame must be reachable by keyboard to be scrolled (WCAG 2.1.1).
        {...(overflow.wide ? { role: "region", "aria-label": `${label}（可左右滚动）`, tabIndex: 0 } : {})}
      >
        {children}
      </div>
      {overflow.wide ? (
        <p className="scroll-cue" data-testid="scroll-cue">
          <span>{overflow.atStart ? "" : "← 左侧还有列"}</span>
          <span>
            表格共 {columns} 列，首列固定，可左右滚动查看{overflow.atEnd ? "" : " →"}
          </span>
        </p>
      ) : null}
    </>
  );
}
