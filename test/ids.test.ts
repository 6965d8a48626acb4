import { timeOrderedId } from '../src/ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a UUIDv7-format string whose first 48 bits are the given milliseconds', () => {
    const now = Date.UTC(2026, 11, 2, 3, 40, 0, 123);
    const id = timeOrderedId(now);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
  });

  it('sorts by creation time, and ids made in the same millisecond differ', () => {
    const now = 1_764_646_800_000;
    const ids = [now + 5, now, now + 1000, now + 1].map(timeOrderedId);
    expect([...ids].sort()).toEqual([ids[1], ids[3], ids[0], ids[2]]);
    const same = new Set(Array.from({ length: 1000 }, () => timeOrderedId(now)));
    expect(same.size).toBe(1000);
  });
});
