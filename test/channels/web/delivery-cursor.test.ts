import { DeliveryCursor } from '../../../src/channels/web/delivery-cursor';
import type { StoredMessage } from '../../../src/store/port';

const msg = (seq: number, direction: 'in' | 'out' = 'out', conversationId = 'c1'): StoredMessage => ({
  id: `${conversationId}-${seq}`, conversationId, seq, direction, author: direction === 'in' ? 'customer' : 'bot', text: `m${seq}`, createdAt: seq,
});

/** A store holding seqs 1..n of c1 (odd = customer, even = bot), counting its reads. */
function store(n: number) {
  const rows = Array.from({ length: n }, (_, i) => msg(i + 1, (i + 1) % 2 ? 'in' : 'out'));
  const load = jest.fn(async (_id: string, afterSeq: number) => rows.filter((m) => m.seq > afterSeq));
  return { load };
}

const ids = (ms: StoredMessage[]) => ms.map((m) => m.seq);

describe('DeliveryCursor: replies reach a socket in stored order, once', () => {
  it('sends a reply that follows the customer\'s own message without reading the store', async () => {
    const { load } = store(4);
    const cursor = new DeliveryCursor();
    cursor.noteInbound('c1', 1);
    expect(ids(await cursor.plan(msg(2), load))).toEqual([2]);
    cursor.noteInbound('c1', 3);
    expect(ids(await cursor.plan(msg(4), load))).toEqual([4]);
    expect(load).not.toHaveBeenCalled();
  });

  it('sends a reply that overtook an earlier one (relayed later by another instance) after the earlier one, and skips the late copy', async () => {
    const { load } = store(6);
    const cursor = new DeliveryCursor();
    cursor.reset('c1', 2);
    expect(ids(await cursor.plan(msg(6), load))).toEqual([4, 6]);
    expect(ids(await cursor.plan(msg(4), load))).toEqual([]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('starts over for a new conversation and never resends what the history held', async () => {
    const { load } = store(4);
    const cursor = new DeliveryCursor();
    cursor.reset('c1', 4);
    expect(ids(await cursor.plan(msg(4), load))).toEqual([]);
    cursor.noteInbound('c2', 1);
    expect(ids(await cursor.plan(msg(2, 'out', 'c2'), load))).toEqual([2]);
  });
});
