const FULL_WIDTH_DIGITS = "０１２３４５６７８９";

export function toFullWidth(text: string): string {
  return text.replace(/[0-9]/g, (d) => FULL_WIDTH_DIGITS[Number(d)]!).replace(/-/g, "－");
}

export function groupThousands(text: string): string {
  const [int, frac] = text.split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Decimal text of a 万元 amount, without float noise ("5949.088667"). */
export function formatWan(value: number, fixed?: number): string {
  if (fixed !== undefined) return value.toFixed(fixed);
  return String(Number(value.toFixed(6)));
}

/** The same amount in 元: at most 2 decimals, since amounts carry at most 6 decimals in 万元. */
export function formatYuan(value: number): string {
  const fen = Math.round(value * 1_000_000);
  const yuan = Math.floor(fen / 100);
  const rest = fen % 100;
  return rest === 0 ? String(yuan) : `${yuan}.${String(rest).padStart(2, "0")}`.replace(/0$/, "");
}

const HALF_WIDTH_PUNCTUATION: Record<string, string> = { "（": "(", "）": ")", "，": ",", "：": ":", "；": ";" };

/** Label punctuation as a half-width keyboard types it: "（一）" → "(一)". */
export function toHalfWidthPunctuation(text: string): string {
  return text.replace(/[（），：；]/g, (ch) => HALF_WIDTH_PUNCTUATION[ch]!);
}
