/** The OCR engine could not run: not installed, too slow for the budget, or failed on the input. */
export class OcrEngineError extends Error {
  constructor(
    readonly code: "MISSING" | "TIMEOUT" | "FAILED",
    message: string,
  ) {
    super(message);
    this.name = "OcrEngineError";
  }
}
