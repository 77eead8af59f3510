import cliProgress from "cli-progress";

/** A progress bar on a terminal; plain periodic lines in a pipe or CI. */
export function createProgress(label: string, total: number) {
  const started = Date.now();
  let done = 0;
  let lastLine = 0;
  const rate = () => done / Math.max(0.001, (Date.now() - started) / 1000);
  const eta = () => {
    const seconds = Math.max(0, (total - done) / Math.max(rate(), 0.001));
    return seconds < 60 ? `${Math.round(seconds)}秒` : `${Math.floor(seconds / 60)}分${Math.round(seconds % 60)}秒`;
  };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} | {rate} 份/秒 | 剩余 {etaText} | {file}`,
        stream: process.stderr,
        hideCursor: true,
        barsize: 24,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { rate: "0.0", etaText: "—", file: "" });
    return {
      tick(file: string) {
        done++;
        if (done > total) bar.setTotal(done);
        bar.update(done, { rate: rate().toFixed(1), etaText: eta(), file: file.slice(-40) });
      },
      stop: () => bar.stop(),
    };
  }
  return {
    tick(_file: string) {
      done++;
      if (Date.now() - lastLine > 5000 || done === total) {
        lastLine = Date.now();
        const pct = total ? Math.min(100, Math.round((done / total) * 100)) : 100;
        process.stderr.write(`[${label}] ${done}/${total} (${pct}%) ${rate().toFixed(1)} 份/秒 预计剩余 ${eta()}\n`);
      }
    },
    stop() {},
  };
}
