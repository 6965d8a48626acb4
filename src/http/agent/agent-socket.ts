/**
 * `GET /api/agent/ws`: the console's live feed. Authenticated by the session cookie (checked
 * before the upgrade, with the Origin check). Pushes `queue`, `message`, `status`, `typing` and
 * `note` frames (docs/agent-api.md); accepts `typing` and `ping`. Opening and closing sockets
 * feeds agent presence (and so the disconnect grace period).
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { BusEvent } from '../../bus/bus';
import { hasRole } from '../../auth/roles';
import type { User } from '../../store/port';
import { authOf } from './guard';
import type { ApiContext } from './context';
import { userNames, viewUser } from './context';
import { eventView, messageView } from './views';
import { parse, wsFrame } from './schemas';

const MAX_FRAME_BYTES = 8 * 1024;

interface Client {
  socket: WebSocket;
  user: User;
}

/** Registers the route; returns a function that closes every console socket (shutdown). */
export function agentSocket(app: FastifyInstance, ctx: ApiContext): () => void {
  const clients = new Set<Client>();
  const unsubscribe = ctx.bus.subscribe((event) => void fanOut(ctx, clients, event).catch((err) => ctx.log.warn({ err: String(err) }, 'console push failed')));

  app.get('/api/agent/ws', {
    websocket: true,
    preHandler: async (req) => {
      ctx.guard.checkOrigin(req);
      await ctx.guard.require('agent')(req);
    },
  }, (socket, req) => {
    const client = { socket, user: authOf(req).user };
    clients.add(client);
    ctx.presence.connected(client.user.id);
    void viewUser(ctx, client.user, client.user).then((user) => send(client, { type: 'hello', user }));
    socket.on('message', (raw: Buffer, isBinary: boolean) => void onFrame(ctx, client, raw, isBinary));
    socket.on('close', () => {
      clients.delete(client);
      ctx.presence.disconnected(client.user.id);
    });
  });

  return () => {
    unsubscribe();
    for (const c of clients) c.socket.close(1001, 'server shutting down');
  };
}

function send(client: Client, frame: Record<string, unknown>): void {
  if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(frame));
}

async function onFrame(ctx: ApiContext, client: Client, raw: Buffer, isBinary: boolean): Promise<void> {
  if (isBinary || raw.length > MAX_FRAME_BYTES) return send(client, { type: 'error', code: 'invalid_frame', message: 'send JSON text frames of at most 8 KiB' });
  let frame;
  try {
    frame = parse(wsFrame, JSON.parse(raw.toString('utf8')));
  } catch {
    return send(client, { type: 'error', code: 'invalid_frame', message: 'expected {"type":"typing","conversationId"} or {"type":"ping"}' });
  }
  if (frame.type === 'ping') return send(client, { type: 'pong' });
  const c = await ctx.store.getConversation(frame.conversationId);
  if (!c || c.status !== 'agent' || c.assignedAgentId !== client.user.id) return send(client, { type: 'error', code: 'not_owner', message: 'you can only type in chats you own' });
  ctx.control.agentTyping(c.id, client.user.id);
}

/** Sends one bus event to every console allowed to see it. */
async function fanOut(ctx: ApiContext, clients: Set<Client>, event: BusEvent): Promise<void> {
  if (clients.size === 0 || event.type === 'erased' || event.type === 'content') return;
  if (event.type === 'queue') {
    const snap = await ctx.queue.snapshot();
    const items = snap.items.map(({ team: _team, ...item }) => item);
    for (const c of clients) send(c, { type: 'queue', items, afterHours: snap.afterHours });
    return;
  }
  if (event.type === 'status') {
    const frame = { type: 'status', conversationId: event.conversation.id, status: event.conversation.status, assignedAgentId: event.conversation.assignedAgentId ?? null, event: eventView(event.event) };
    for (const c of clients) send(c, frame);
    return;
  }
  const owner = event.type === 'message' ? event.conversation.assignedAgentId : (await ctx.store.getConversation(event.conversationId))?.assignedAgentId;
  const names = event.type === 'typing' ? new Map<string, string>() : await userNames(ctx.store);
  const frame = toFrame(event, names);
  if (!frame) return;
  for (const c of clients) if (owner === c.user.id || hasRole(c.user.role, 'supervisor')) send(c, frame);
}

function toFrame(event: BusEvent, names: Map<string, string>): Record<string, unknown> | null {
  switch (event.type) {
    case 'message':
      return { type: 'message', conversationId: event.conversation.id, message: messageView(event.message, names) };
    case 'typing':
      return { type: 'typing', conversationId: event.conversationId, from: event.from, ...(event.agentId ? { agentId: event.agentId } : {}) };
    case 'note':
      return { type: 'note', conversationId: event.conversationId, note: { id: event.id ?? `${event.conversationId}:${event.at}`, conversationId: event.conversationId, authorId: event.agentId, authorName: names.get(event.agentId) ?? '', text: event.text, at: event.at } };
    default:
      return null;
  }
}
