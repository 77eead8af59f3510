"use client";

/** Opens the browser's print dialog for what the page shows (the print style sheet leaves out the tools). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="tool-button" onClick={() => window.print()}>
      {label}
    </button>
  );
}
