/**
 * Structured logging with pino. Personal data never reaches the log: message text and contact
 * fields are redacted by path, every other string (the message and all string fields, nested
 * too) goes through `maskPersonalData` (emails, phones, cards, ID numbers; docs/privacy.md),
 * and code logs ids and error codes, not what customers wrote.
 */
import pino, { type Logger } from 'pino';
import { maskDeep } from './privacy/mask-deep';

export type { Logger };

const REDACT = ['text', 'value', 'email', 'phone', 'password', '*.text', '*.value', '*.email', '*.phone', '*.password', 'req.headers.cookie', 'req.headers.authorization'];

/** Masks personal data in every argument of a log call before pino formats it. */
function logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void): void {
  method.apply(this, args.map((a) => maskDeep(a)));
}

/** A synchronous append-only log file (created with its directory when missing). */
export function logFile(file: string): pino.DestinationStream {
  return pino.destination({ dest: file, sync: true, mkdir: true, append: true });
}

/** Creates the process logger; `destination` lets tests send output elsewhere, e.g. `logFile(path)`. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'concord' }, redact: { paths: REDACT, censor: '[redacted]' }, hooks: { logMethod } }, destination);
}
