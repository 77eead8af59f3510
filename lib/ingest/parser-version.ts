import "server-only";
/** Recorded on every report; bytes already parsed by this version are not parsed again (see find-stored-reports). */
export const PARSER_VERSION = "2";
