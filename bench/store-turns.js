// Store-only microbenchmark (docs/performance.md): CPU per turn of the SQLite writes of a bench-like turn.
// usage: npm run build && node bench/store-turns.js dist random|v7 ON|FAST|OFF [turns]
const path = require('path'); const fs = require('fs'); const os = require('os');
const { randomUUID } = require('crypto');
const [dist, idMode, sd, turnsArg] = process.argv.slice(2);
const { SqliteStore } = require(path.resolve(dist, 'store/sqlite/sqlite-store.js'));
const v7 = (now) => { const ms = now.toString(16).padStart(12, '0'); return `${ms.slice(0, 8)}-${ms.slice(8)}-7${randomUUID().slice(15)}`; };
let clock = Date.now();
const id = () => (idMode === 'v7' ? v7(clock) : randomUUID());
const CONC = 500, TURNS = Number(turnsArg ?? 20000);
(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf2-sb-'));
  const store = new SqliteStore({ file: path.join(dir, 'c.db') });
  store.db.pragma(`secure_delete = ${sd}`);
  await store.init();
  const slots = [];
  async function fresh(i) {
    const cust = await store.resolveCustomer('web', id(), clock);
    const c = { id: id(), customerId: cust.id, channel: 'web', channelKey: id(), status: 'bot', language: 'en', state: {}, emotionTrajectory: [], version: 1, createdAt: clock, updatedAt: clock, lastMessageAt: clock };
    await store.createConversation(c);
    slots[i] = { c, n: 0 };
  }
  await Promise.all(Array.from({ length: CONC }, (_, i) => fresh(i)));
  async function turn(i) {
    const slot = slots[i];
    if (slot.n >= 5) { await fresh(i); return turn(i); }
    slot.n++; clock += 1;
    const c = slot.c;
    const { message } = await store.appendInbound({ id: id(), conversationId: c.id, direction: 'in', author: 'customer', channelMessageId: id(), text: 'my order 123456 arrived broken, what now? ' + slot.n, value: null, annotations: null, createdAt: clock });
    const next = { ...c, state: { stack: [{ script: 'complaint', step: 'step' + slot.n }], slots: { order: '123456', email: 'someone@example.com' }, counters: { turns: slot.n, unsure: 0 }, history: Array.from({ length: slot.n }, (_, k) => ({ k, intent: 'complaint', conf: 0.93 })) }, emotionTrajectory: [...c.emotionTrajectory, { at: clock, emotion: 'anger', intensity: 0.4, valence: -0.5 }], updatedAt: clock, lastMessageAt: clock };
    const out = [0, 1].map((k) => ({ id: id(), conversationId: c.id, direction: 'out', author: 'bot', text: 'Sorry to hear that. Reply number ' + k + ' with some text of usual length.', quickReplies: k ? [{ label: 'Yes', value: 'yes' }, { label: 'No', value: 'no' }] : null, createdAt: clock, deliveredAt: null }));
    const res = await store.saveTurn({ conversation: next, expectedVersion: c.version, events: [{ id: id(), conversationId: c.id, type: 'step_entered', actor: 'bot', data: { step: 'x' }, at: clock }], outbound: out, annotate: [{ messageId: message.id, annotations: { intent: 'complaint', confidence: 0.93, emotion: { label: 'anger', intensity: 0.4 } } }] });
    slot.c = res.conversation;
    await Promise.all(res.outbound.map((m) => store.markDelivered(m.id, clock)));
  }
  // warm-up
  for (let r = 0; r < 4; r++) await Promise.all(slots.map((_, i) => turn(i)));
  const t0 = process.cpuUsage(); const w0 = Date.now(); let done = 0;
  while (done < TURNS) { await Promise.all(slots.map((_, i) => turn(i))); done += CONC; }
  const cpu = process.cpuUsage(t0);
  console.log(JSON.stringify({ idMode, sd, turns: done, cpuMsPerTurn: +((cpu.user + cpu.system) / 1000 / done).toFixed(4), wallMs: Date.now() - w0, dbMb: +(fs.statSync(path.join(dir, 'c.db')).size / 1e6).toFixed(1) }));
  await store.close(); fs.rmSync(dir, { recursive: true, force: true });
})().catch((e) => { console.error(e); process.exit(1); });
