/**
 * The HTTP transport under botbuilder's connector client. The SDK's own pipeline retries 429 and
 * 5xx answers internally (blocking for up to a minute and hiding the failures); Concord's outbox
 * owns retries instead, so that every failed attempt is recorded and survives a restart. This
 * transport sends the request the SDK built (URL, auth header, JSON body) with `fetch` and turns a
 * 429 or 5xx answer into a `PlatformHttpError` that the pipeline passes straight up.
 */
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type ConnectorClientOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;
type CompatHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type CompatRequest = Parameters<CompatHttpClient['sendRequest']>[0];
type CompatResponse = Awaited<ReturnType<CompatHttpClient['sendRequest']>>;
type CompatHeaders = CompatResponse['headers'];

/** A Bot Connector call answered with 429 or 5xx; `retryAfterMs` from `Retry-After` when given. */
export class PlatformHttpError extends Error {
  constructor(readonly status: number, readonly retryAfterMs?: number) {
    super(`bot connector answered ${status}${retryAfterMs !== undefined ? ` (retry after ${retryAfterMs} ms)` : ''}`);
    this.name = 'PlatformHttpError';
  }
}

const TIMEOUT_MS = 30_000;

/** The connector client options that route every call through `fetch` without SDK retries. */
export function connectorClientOptions(): ConnectorClientOptions {
  const httpClient: CompatHttpClient = { sendRequest: send };
  return { httpClient };
}

async function send(request: CompatRequest): Promise<CompatResponse> {
  const signal = request.abortSignal as AbortSignal | undefined;
  const res = await fetch(request.url, {
    method: request.method,
    headers: request.headers.toJson({ preserveCase: true }),
    body: typeof request.body === 'string' ? request.body : request.body === undefined || request.body === null ? undefined : JSON.stringify(request.body),
    signal: signal ?? AbortSignal.timeout(request.timeout || TIMEOUT_MS),
  });
  const bodyAsText = await res.text();
  if (res.status === 429 || res.status >= 500) throw new PlatformHttpError(res.status, retryAfterMs(res.headers.get('retry-after')));
  const headers = new HeaderMap();
  res.headers.forEach((value, name) => headers.set(name, value));
  return { request, status: res.status, headers, bodyAsText };
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The compat header collection the SDK reads responses with (case-insensitive names). */
class HeaderMap implements CompatHeaders {
  private readonly map = new Map<string, { name: string; value: string }>();

  constructor(raw: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(raw)) this.set(name, value);
  }

  set(name: string, value: string | number): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  contains(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  remove(name: string): boolean {
    return this.map.delete(name.toLowerCase());
  }
  rawHeaders(): Record<string, string> {
    return this.toJson();
  }
  headersArray(): { name: string; value: string }[] {
    return [...this.map.values()];
  }
  headerNames(): string[] {
    return this.headersArray().map((h) => h.name);
  }
  headerValues(): string[] {
    return this.headersArray().map((h) => h.value);
  }
  clone(): HeaderMap {
    return new HeaderMap(this.toJson({ preserveCase: true }));
  }
  toJson(options: { preserveCase?: boolean } = {}): Record<string, string> {
    return Object.fromEntries([...this.map.entries()].map(([key, h]) => [options.preserveCase ? h.name : key, h.value]));
  }
}
