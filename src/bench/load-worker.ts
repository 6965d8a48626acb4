/**
 * Entry point of the load generator's own process (`child_process.fork` of the built file).
 * The parent sends one `LoadConfig`; the worker answers with progress lines and one result.
 * A separate process, not a worker thread, so that the generator's CPU time, garbage collection
 * and sockets are fully apart from the server measured in the parent, and the parent's
 * `process.memoryUsage().rss` is the server's alone.
 */
import { runLoad, type LoadConfig, type LoadResult, type LoadSamples } from './load';

/** Messages from the worker to the parent. */
export type WorkerMessage = { type: 'progress'; line: string } | { type: 'result'; result: LoadResult; samples: LoadSamples } | { type: 'failed'; error: string };

/** Resolves once the message has been handed to the channel (a large result is sent asynchronously). */
function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, undefined, {}, () => resolve()) : resolve()));
}

process.once('message', (config: LoadConfig) => {
  runLoad(config, (line) => void send({ type: 'progress', line }))
    .then(({ result, samples }) => send({ type: 'result', result, samples }))
    .catch((err: unknown) => send({ type: 'failed', error: err instanceof Error ? err.message : String(err) }))
    .finally(() => process.disconnect?.());
});
