/**
 * Failures the domain names, with a stable code and a Chinese message for the user. lib/ throws them; the route
 * wrapper (lib/http/with-route.ts) turns each kind into its HTTP status, so lib/ knows nothing of HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing does not exist, or lies outside what the caller may see (the two are not told apart). */
export class NotFoundError extends DomainError {
  constructor(message: string, code = "NOT_FOUND") {
    super(code, message);
  }
}

/** The caller may not do this. */
export class ForbiddenError extends DomainError {
  constructor(message: string, code = "FORBIDDEN") {
    super(code, message);
  }
}

/** The input breaks a rule of the domain (a user's fields, an identifier's form). */
export class InvalidInputError extends DomainError {
  constructor(message: string, code = "INVALID_INPUT") {
    super(code, message);
  }
}

/** The input is over a size limit (an upload, a file in it). */
export class TooLargeError extends DomainError {
  constructor(message: string, code = "FILE_TOO_LARGE") {
    super(code, message);
  }
}

/** The change would break an invariant of the current state (the last administrator, one's own account). */
export class ConflictError extends DomainError {}

/** Something the request needs is not available now (the snapshot browser cannot start, or is busy). */
export class UnavailableError extends DomainError {}

/** Something the request waited on did not finish in time (a page that never finished drawing). */
export class TimedOutError extends DomainError {}

/** The value a lookup found, or a NotFoundError when it found nothing the caller may see. */
export function requireFound<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) throw new NotFoundError(message);
  return value;
}
