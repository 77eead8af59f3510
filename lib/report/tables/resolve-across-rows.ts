import type { TimeBudget } from "../errors";
import { type ApplicationRowKey, OTHER_HANDLING_SUB_ROWS, OUTCOME_ROW_KEYS } from "../schema";
import { toNumbers } from "./resolve-cells";
import type { ApplicantSlot, ApplicationRowRead } from "./types";

const MAX_JOINT = 200_000;

type Identity = { left: ApplicationRowKey[]; right: ApplicationRowKey[] };

/**
 * Keeps only candidate splits consistent with the column identities (一+二 = 三(七)+四; (七) = Σ outcomes),
 * searching the ambiguous rows jointly; a row is resolved when one candidate alone survives.
 */
export function resolveAcrossRows(
  rows: Map<ApplicationRowKey, ApplicationRowRead>,
  columns: ApplicantSlot[],
  budget: TimeBudget,
): void {
  const ambiguous = [...rows.values()].filter((r) => r.res.status === "ambiguous");
  if (ambiguous.length === 0) return;
  const known = new Map<ApplicationRowKey, number[] | null>();
  for (const [key, r] of rows) {
    known.set(
      key,
      r.res.status === "ok" && !r.res.raws.some((x) => x === null) ? toNumbers(r.res.raws as string[]) : null,
    );
  }
  const hasSubRows = OTHER_HANDLING_SUB_ROWS.some((k) => rows.has(k));
  const outcomeKeys = OUTCOME_ROW_KEYS.filter((k) => rows.has(k) && !(hasSubRows && k === "otherHandling"));
  const identities = (
    [
      { left: ["received", "carriedOver"], right: ["processedTotal", "carriedForward"] },
      { left: ["processedTotal"], right: outcomeKeys },
    ] as Identity[]
  ).filter((id) => [...id.left, ...id.right].every((k) => rows.has(k)));
  const involved = ambiguous.filter((r) => identities.some((id) => [...id.left, ...id.right].includes(r.key)));
  const space = involved.reduce((p, r) => p * (r.res.status === "ambiguous" ? r.res.candidates.length : 1), 1);
  if (involved.length === 0 || space > MAX_JOINT) return;
  const choice = new Map<ApplicationRowKey, number[]>();
  const surviving = involved.map(() => new Set<number>());
  const holds = (): boolean => {
    for (const id of identities) {
      const keys = [...id.left, ...id.right];
      const rowValues = keys.map((k) => choice.get(k) ?? known.get(k) ?? null);
      if (rowValues.some((values) => values === null)) continue;
      for (let column = 0; column < columns.length; column++) {
        let left = 0;
        let right = 0;
        keys.forEach((k, i) => {
          const value = (rowValues[i] as number[])[column];
          if (id.left.includes(k)) left += value;
          else right += value;
        });
        if (left !== right) return false;
      }
    }
    return true;
  };
  const picked: number[] = [];
  const walk = (i: number): void => {
    budget.check();
    if (i === involved.length) {
      if (holds()) {
        picked.forEach((candidate, row) => {
          surviving[row].add(candidate);
        });
      }
      return;
    }
    const r = involved[i];
    if (r.res.status !== "ambiguous") return;
    r.res.candidates.forEach((candidate, index) => {
      choice.set(r.key, toNumbers(candidate));
      picked[i] = index;
      walk(i + 1);
    });
    choice.delete(r.key);
  };
  walk(0);
  involved.forEach((r, i) => {
    if (r.res.status !== "ambiguous" || surviving[i].size === 0) return;
    const kept = r.res.candidates.filter((_, index) => surviving[i].has(index));
    r.res = kept.length === 1 ? { status: "ok", raws: kept[0] } : { status: "ambiguous", candidates: kept };
  });
}
