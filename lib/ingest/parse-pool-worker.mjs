// Worker bootstrap: Node 20 does not apply the parent's tsx loader to a worker's own modules, so register it here.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
