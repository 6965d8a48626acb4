/**
 * Entry point of the load generator's own process (`child_process.fork` of the built file).
 * The parent sends one `LoadConfig`; the worker answers with progress lines and one result.
 * A separate process, not a worker thread, so that the generator's CPU time, garbage collection
 * and sockets are fully apart from the server measured in the parent, and the parent's
 * `process.memoryUsage().rss` is the server's alone.
 */
import { runLoad, type LoadConfig, type LoadResult } from './load';

/** Messages from the worker to the parent. */
export type WorkerMessage = { type: 'progress'; line: string } | { type: 'result'; result: LoadResult } | { type: 'failed'; error: string };

function send(message: WorkerMessage): void {
  process.send?.(message);
}

process.once('message', (config: LoadConfig) => {
  runLoad(config, (line) => send({ type: 'progress', line }))
    .then((result) => send({ type: 'result', result }))
    .catch((err: unknown) => send({ type: 'failed', error: err instanceof Error ? err.message : String(err) }))
    .finally(() => process.disconnect?.());
});
