/**
 * Contract for `PresenceRecords`: console leases held, renewed and released per instance, seen
 * by any store on the same data, and expired leases reaped once when two stores reap together.
 */
import type { ConversationStore } from '../../src/store/port';
import { T0, uid } from './contract-fixtures';

/** Registers the `PresenceRecords` tests; `another` opens a second store on the same data. */
export function describePresenceContract(store: () => ConversationStore, another: () => Promise<ConversationStore>): void {
  it('sees an agent connected while any instance holds an unexpired lease, until released', async () => {
    const agent = uid('agent');
    expect(await store().isAgentConnected(agent, T0)).toBe(false);
    await store().holdConsoles('a', [agent], T0 + 30_000);
    await store().holdConsoles('b', [agent], T0 + 10_000);
    expect(await store().isAgentConnected(agent, T0 + 20_000)).toBe(true);
    await store().releaseConsole('a', agent);
    expect(await store().isAgentConnected(agent, T0 + 5_000)).toBe(true);
    expect(await store().isAgentConnected(agent, T0 + 10_000)).toBe(false);
    await store().holdConsoles('b', [agent], T0 + 40_000);
    expect(await store().isAgentConnected(agent, T0 + 20_000)).toBe(true);
    await store().releaseConsole('b', agent);
    expect(await store().isAgentConnected(agent, T0)).toBe(false);
  });

  it('tells whether an instance other than a given one holds a lease', async () => {
    const agent = uid('agent');
    await store().holdConsoles('a', [agent], T0 + 30_000);
    expect(await store().isAgentConnected(agent, T0, 'a')).toBe(false);
    expect(await store().isAgentConnected(agent, T0, 'b')).toBe(true);
    await store().holdConsoles('b', [agent], T0 + 10_000);
    expect(await store().isAgentConnected(agent, T0 + 5_000, 'a')).toBe(true);
    expect(await store().isAgentConnected(agent, T0 + 10_000, 'a')).toBe(false);
  });

  it('never shortens a lease on renewal', async () => {
    const agent = uid('agent');
    await store().holdConsoles('a', [agent], T0 + 30_000);
    await store().holdConsoles('a', [agent], T0 + 10_000);
    expect(await store().isAgentConnected(agent, T0 + 20_000)).toBe(true);
  });

  it('reaps expired leases once, across two stores on the same data', async () => {
    const [x, y, live] = [uid('agent'), uid('agent'), uid('agent')];
    await store().holdConsoles('crashed', [x, y], T0 + 1_000);
    await store().holdConsoles('alive', [live], T0 + 60_000);
    const second = await another();
    try {
      const [one, two] = await Promise.all([store().reapConsoleLeases(T0 + 5_000), second.reapConsoleLeases(T0 + 5_000)]);
      const reaped = [...one, ...two].filter((id) => [x, y, live].includes(id));
      expect(new Set(reaped)).toEqual(new Set([x, y]));
      expect(one.filter((id) => two.includes(id))).toEqual([]);
      expect(await second.isAgentConnected(live, T0 + 5_000)).toBe(true);
      expect(await store().reapConsoleLeases(T0 + 5_000)).toEqual([]);
    } finally {
      await second.close();
    }
  });
}
