/**
 * Agents see whether their replies reached the customer: failed delivery attempts recorded by the
 * outbox appear on the message in the console API (and are rendered by the console).
 */
import { type AgentTestServer, createAgent, queuedConversation, startAgentServer } from '../helpers/agent-api';

let server: AgentTestServer;
beforeEach(async () => (server = await startAgentServer()));
afterEach(async () => server.stop());

it('shows failed and late deliveries on outbound messages, and none on inbound ones', async () => {
  const c = await queuedConversation(server);
  const { client } = await createAgent(server, { name: 'Dana' });
  expect((await client.call('POST', `/api/conversations/${c.id}/claim`)).status).toBe(200);
  const sent = await client.call('POST', `/api/conversations/${c.id}/reply`, { text: 'Hi, Dana here. A replacement is on its way.' });
  expect(sent.status).toBe(201);
  const botReply = sent.body.message as unknown as { id: string };
  // What the outbox records when the platform refuses the message.
  await server.concord.store.recordDeliveryFailure(botReply.id, 'telegram: 500 Internal Server Error', server.clock.now());

  const failed = await client.call('GET', `/api/conversations/${c.id}`);
  const messages = failed.body.messages as { id: string; author: string; delivery: unknown }[];
  expect(messages.find((m) => m.id === botReply.id)?.delivery).toMatchObject({ failedAttempts: 1, lastError: 'telegram: 500 Internal Server Error' });
  expect(messages.find((m) => m.author === 'customer')?.delivery).toBeNull();

  await server.concord.store.markDelivered(botReply.id, server.clock.now());
  const late = await client.call('GET', `/api/conversations/${c.id}`);
  const after = (late.body.messages as { id: string; delivery: { deliveredAt: number | null; failedAttempts: number } }[]).find((m) => m.id === botReply.id);
  expect(after?.delivery).toMatchObject({ failedAttempts: 1, deliveredAt: server.clock.now() });
});
