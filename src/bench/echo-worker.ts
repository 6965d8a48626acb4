/**
 * Entry point of the echo server's own process (`child_process.fork` of the built file): starts
 * the bare `ws` echo server, sends its URL to the parent, and stops when the parent disconnects.
 * A separate process so that the echo phase's sockets and buffers never count in the memory the
 * bench then reports for Concord, which runs in the parent.
 */
import { startEchoServer } from './echo-server';

void startEchoServer().then((echo) => {
  process.send?.({ url: echo.url });
  process.once('disconnect', () => void echo.close().then(() => process.exit(0)));
});
