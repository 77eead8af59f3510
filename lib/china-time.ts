const DATE_TIME = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "2026-12-05 04:49:12": Beijing time, as a supervisor reads it (the server's clock is UTC). */
export function formatChinaTime(date: Date = new Date()): string {
  return DATE_TIME.format(date);
}

/** "2026-12-05": the Beijing date, for file names (an export at 02:00 is not dated the day before). */
export function formatChinaDate(date: Date = new Date()): string {
  return formatChinaTime(date).slice(0, 10);
}
