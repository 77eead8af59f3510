import { parentPort } from "node:worker_threads";
import { type ParseTask, parseForIngest } from "./parse-pool-task";

export type ParseRequest = { id: number; task: ParseTask };

const port = parentPort!;
let queue = Promise.resolve();
// One document at a time, in arrival order: the pool attributes a crash or a timeout to the oldest open request.
port.on("message", (request: ParseRequest) => {
  queue = queue.then(async () => {
    // Each page a scan's OCR reads tells the pool the worker is alive (its hard timeout starts again).
    const result = await parseForIngest(request.task, (progress) => port.postMessage({ id: request.id, progress }));
    try {
      port.postMessage({ id: request.id, result });
    } catch (error) {
      const reason = `解析结果无法传回：${error instanceof Error ? error.message : String(error)}`;
      port.postMessage({ id: request.id, result: { code: "PARSER_FAILURE", reason } });
    }
  });
});
port.postMessage({ ready: true });
