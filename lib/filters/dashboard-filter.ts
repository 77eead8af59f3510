import { z } from "zod";

const year = z.coerce.number().int().min(2000).max(2100);

/** One filter schema for the URL, the server loaders and the export routes, so an export matches its chart. */
export const dashboardFilterSchema = z.object({
  region: z
    .string()
    .regex(/^\d{6}$/, "地区代码应为 6 位数字")
    .optional(),
  from: year.optional(),
  to: year.optional(),
});
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;
