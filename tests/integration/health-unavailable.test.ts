import { describe, expect, it } from "vitest";

describe("database down", () => {
  it("health answers 503 with a Chinese message instead of crashing", async () => {
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/nothing";
    const { GET } = await import("@/app/api/health/route");
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe("unavailable");
    expect(body.error.message).toMatch(/数据库/);
  });

  it("a chart route answers 503 JSON through the route wrapper", async () => {
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/nothing";
    const { GET } = await import("@/app/api/charts/[chart]/route");
    const response = await GET(new Request("http://localhost/api/charts/applications-by-year?from=2020"), {
      params: Promise.resolve({ chart: "applications-by-year" }),
    });
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe("DATABASE_UNREACHABLE");
  });
});
