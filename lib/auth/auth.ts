import "server-only";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Db } from "@/db/client";
import { authAccounts, authSessions, authUsers, authVerifications } from "@/db/schema";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address.js";
import { listTrustedOrigins } from "@/lib/http/origin";
import { ensureAuthSecret } from "./secret";

export const SESSION_HOURS = 12;

function buildAuth(db: Db, secret: string) {
  const baseURL = process.env.BETTER_AUTH_URL || undefined;
  return betterAuth({
    appName: "政府信息公开年报看板",
    baseURL,
    basePath: "/api/auth",
    secret,
    trustedOrigins: async (request) => (request ? listTrustedOrigins(request) : []),
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: authUsers, session: authSessions, account: authAccounts, verification: authVerifications },
    }),
    // Accounts are created by administrators only (admin page or `npm run user`); nobody signs up.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 128 },
    user: {
      additionalFields: {
        role: { type: "string", required: false, input: false, defaultValue: "supervisor" },
        regionCode: { type: "string", required: false, input: false },
        canExport: { type: "boolean", required: false, input: false, defaultValue: true },
        disabled: { type: "boolean", required: false, input: false, defaultValue: false },
      },
    },
    // No cookie cache: every request reads the session row, so revocation and disabling take effect at once.
    session: { expiresIn: SESSION_HOURS * 3600, updateAge: 3600, cookieCache: { enabled: false } },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      storage: "memory",
      customRules: { "/sign-in/*": { window: 60, max: 20 } },
    },
    advanced: {
      // The per-address limits key on the address scripts/serve.mjs decided, not on X-Forwarded-For.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      useSecureCookies: baseURL?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      database: { generateId: () => crypto.randomUUID() },
    },
    telemetry: { enabled: false },
    logger: { level: "error" },
  });
}

export type Auth = ReturnType<typeof buildAuth>;

const instances = new WeakMap<object, Promise<Auth>>();

/** The auth instance bound to one database handle (the app's, or a test's). */
export function getAuthFor(db: Db): Promise<Auth> {
  let auth = instances.get(db);
  if (!auth) {
    auth = ensureAuthSecret(db).then((secret) => buildAuth(db, secret));
    auth.catch(() => instances.delete(db));
    instances.set(db, auth);
  }
  return auth;
}
