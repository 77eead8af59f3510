export const REPORT_ERROR_CODES = [
  "EMPTY_FILE",
  "FILE_TOO_LARGE",
  "UNSUPPORTED_FORMAT",
  "CORRUPT_FILE",
  "ENCRYPTED_PDF",
  "NO_TEXT_LAYER",
  "NEEDS_OCR",
  "OCR_FAILED",
  "NOT_A_REPORT",
  "TIMEOUT",
] as const;
export type ReportErrorCode = (typeof REPORT_ERROR_CODES)[number];

/** A document that cannot be read as an annual report; `code` is stable, `message` is Chinese. */
export class ReportParseError extends Error {
  readonly code: ReportErrorCode;
  readonly detail?: Record<string, unknown>;

  constructor(code: ReportErrorCode, message: string, detail?: Record<string, unknown>) {
    super(message);
    this.name = "ReportParseError";
    this.code = code;
    this.detail = detail;
  }
}

/** A per-document time budget, checked at loop boundaries so that no input can hang the parser. */
export class TimeBudget {
  private readonly endsAt: number;
  private counter = 0;

  constructor(readonly budgetMs: number) {
    this.endsAt = Date.now() + budgetMs;
  }

  check(): void {
    if ((++this.counter & 63) === 0 && Date.now() > this.endsAt) this.fail();
  }

  checkNow(): void {
    if (Date.now() > this.endsAt) this.fail();
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  private fail(): never {
    throw new ReportParseError("TIMEOUT", `解析超时：文档在 ${this.budgetMs} 毫秒内未能解析完成`);
  }
}
