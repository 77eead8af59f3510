import { startThrowawayPostgres, stopThrowawayPostgres } from "./throwaway-postgres";

/**
 * The throwaway cluster for shell scripts (scripts/test.sh):
 *   start         → prints "URL DATA_DIR PORT" on stdout, the version on stderr; the cluster keeps running
 *   stop DATA_DIR → stops that cluster and removes its directory
 */
const [command, pgdata] = process.argv.slice(2);
try {
  if (command === "start") {
    const pg = await startThrowawayPostgres({ stopOnExit: false });
    process.stderr.write(`${pg.version} on 127.0.0.1:${pg.port}\n`);
    process.stdout.write(`${pg.adminUrl} ${pg.pgdata} ${pg.port}\n`);
  } else if (command === "stop" && pgdata) {
    stopThrowawayPostgres(pgdata);
  } else {
    process.stderr.write("usage: tsx scripts/support/throwaway-postgres-cli.ts start | stop DATA_DIR\n");
    process.exitCode = 2;
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
