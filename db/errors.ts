/** The database could not be reached or opened; the message is Chinese and shown to users. */
export class DatabaseUnavailableError extends Error {
  readonly code: string;
  constructor(
    code: "DATABASE_LOCKED" | "DATABASE_UNREACHABLE" | "DATABASE_MIGRATION_FAILED",
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
    this.code = code;
  }
}
