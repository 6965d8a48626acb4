/**
 * `POST /channels/slack/events`: the Events API and interactivity endpoint. Registered as an
 * encapsulated Fastify plugin whose content-type parsers keep the RAW body, because the
 * signature covers the exact bytes Slack sent. Order: verify signature -> parse -> answer
 * `url_verification` -> dispatch, replying 200 only once the message is stored.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import { checkEnvelope } from './payloads';
import type { Dispatch } from './slack-app';
import { verifySlackSignature } from './verify';

export const SLACK_EVENTS_PATH = '/channels/slack/events';
const BODY_LIMIT = 512 * 1024;

export interface SlackRouteDeps {
  signingSecret: string;
  clock: Clock;
  log: Logger;
  dispatch(body: Record<string, unknown>, retryNum: number | undefined, d: Dispatch): Promise<void>;
}

/** Registers the Slack endpoint in its own plugin scope (its raw-body parsers stay local). */
export async function registerSlackRoute(app: FastifyInstance, deps: SlackRouteDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded'], { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
    scope.post(SLACK_EVENTS_PATH, (req, reply) => handle(req, reply, deps));
  });
}

async function handle(req: FastifyRequest, reply: FastifyReply, deps: SlackRouteDeps): Promise<unknown> {
  const rawBody = typeof req.body === 'string' ? req.body : '';
  const verdict = verifySlackSignature(deps.signingSecret, { signature: header(req, 'x-slack-signature'), timestamp: header(req, 'x-slack-request-timestamp'), rawBody }, deps.clock.now());
  if (verdict !== 'ok') {
    deps.log.warn({ code: verdict }, 'slack request refused');
    return reply.code(401).send({ error: verdict, message: 'the request is not signed with this app\'s signing secret (or is older than five minutes)' });
  }
  const body = parseBody(rawBody, String(req.headers['content-type'] ?? ''));
  const envelope = body ? checkEnvelope(body) : null;
  if (!body || !envelope) {
    deps.log.warn({ code: 'slack_payload_invalid', bytes: rawBody.length }, 'slack payload is not valid JSON of a known shape');
    return reply.code(400).send({ error: 'invalid_payload', message: 'expected a Slack Events API JSON body or an interactivity form with a JSON `payload`' });
  }
  if ('challenge' in envelope) return reply.send({ challenge: envelope.challenge });
  return acknowledgeWhenStored(reply, deps, body, retryNum(req));
}

/** Replies 200 once the message is stored (or found needing no storage), 500 if storing failed. */
function acknowledgeWhenStored(reply: FastifyReply, deps: SlackRouteDeps, body: Record<string, unknown>, retry: number | undefined): Promise<unknown> {
  return new Promise((resolve) => {
    let answered = false;
    const answer = (code: number, payload: object | string) => {
      if (answered) return;
      answered = true;
      resolve(reply.code(code).send(payload));
    };
    const d: Dispatch = {
      stored: () => answer(200, ''),
      failed: (err) => {
        deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'slack message not stored; Slack will retry');
        answer(500, { error: 'store_unavailable', message: 'the message could not be stored; retry' });
      },
    };
    deps.dispatch(body, retry, d).then(() => answer(200, ''), (err: unknown) => d.failed(err));
  });
}

/** JSON body (Events API) or `payload=<json>` form (interactivity); null when malformed. */
function parseBody(raw: string, contentType: string): Record<string, unknown> | null {
  try {
    const json = contentType.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(raw).get('payload') : raw;
    const value: unknown = json === null ? null : JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

function retryNum(req: FastifyRequest): number | undefined {
  const n = Number(header(req, 'x-slack-retry-num'));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
