/**
 * Structured logging with pino. Personal data never reaches the log: message text and contact
 * fields are redacted by path, and code logs ids and error codes, not what customers wrote.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACT = ['text', 'value', 'email', 'phone', 'password', '*.text', '*.value', '*.email', '*.phone', '*.password', 'req.headers.cookie', 'req.headers.authorization'];

/** Creates the process logger; `destination` lets tests capture output. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'concord' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
