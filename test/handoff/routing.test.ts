/**
 * Routing, priority and business hours as pure functions.
 */
import { BusinessHours } from '../../src/handoff/business-hours';
import { priorityScore } from '../../src/handoff/priority';
import { type Candidate, pickAgent } from '../../src/handoff/routing';
import type { User } from '../../src/store/port';

function agent(id: string, overrides: Partial<User> = {}, load = 0, online = true): Candidate {
  const user: User = {
    id, email: `${id}@example.com`, name: id, role: 'agent', passwordHash: 'x', languages: ['en'], categories: [], teams: [],
    maxChats: 3, presence: 'available', disabled: false, createdAt: 0, updatedAt: 0, lastAssignedAt: null, ...overrides,
  };
  return { user, load, online };
}

const need = { language: 'en' as const, category: 'logistics', team: null };

describe('pickAgent', () => {
  it('picks the least-loaded eligible agent', () => {
    expect(pickAgent([agent('a', {}, 2), agent('b', {}, 1), agent('c', {}, 2)], need)?.user.id).toBe('b');
  });

  it('requires the conversation language', () => {
    const zh = { ...need, language: 'zh' as const };
    expect(pickAgent([agent('en-only'), agent('both', { languages: ['en', 'zh'] }, 2)], zh)?.user.id).toBe('both');
    expect(pickAgent([agent('en-only')], zh)).toBeNull();
  });

  it('honours category skills when the agent lists some, and teams after a team transfer', () => {
    expect(pickAgent([agent('billing', { categories: ['price'] }), agent('any', {}, 2)], need)?.user.id).toBe('any');
    expect(pickAgent([agent('logi', { categories: ['logistics'] }, 1), agent('any', {}, 2)], need)?.user.id).toBe('logi');
    expect(pickAgent([agent('a'), agent('t', { teams: ['vip'] }, 2)], { ...need, team: 'vip' })?.user.id).toBe('t');
  });

  it('skips full, away, offline, disabled and disconnected agents', () => {
    const nobody = [
      agent('full', {}, 3), agent('away', { presence: 'away' }), agent('off', { presence: 'offline' }),
      agent('disabled', { disabled: true }), agent('gone', {}, 0, false),
    ];
    expect(pickAgent(nobody, need)).toBeNull();
    expect(pickAgent([...nobody, agent('ok', {}, 2)], need)?.user.id).toBe('ok');
  });

  it('breaks ties by the agent given a chat longest ago', () => {
    expect(pickAgent([agent('recent', { lastAssignedAt: 50 }), agent('earlier', { lastAssignedAt: 10 })], need)?.user.id).toBe('earlier');
  });
});

describe('priorityScore', () => {
  const base = { ticketPriority: null, reasons: [], emotion: [], vip: false, waitingMs: 0 };
  it('follows the documented formula', () => {
    expect(priorityScore(base).score).toBe(10);
    expect(priorityScore({ ...base, ticketPriority: 'urgent' }).score).toBe(40);
    expect(priorityScore({ ...base, vip: true }).score).toBe(30);
    expect(priorityScore({ ...base, reasons: ['threat', 'repeat_complaint'] }).score).toBe(35);
    expect(priorityScore({ ...base, waitingMs: 10 * 60_000 }).score).toBe(20);
    expect(priorityScore({ ...base, waitingMs: 10 * 3600_000 }).score).toBe(40);
    const angry = [{ seq: 1, label: 'anger' as const, intensity: 0.3, valence: -0.3, at: 0 }, { seq: 2, label: 'anger' as const, intensity: 0.9, valence: -0.9, at: 1 }];
    expect(priorityScore({ ...base, emotion: angry }).score).toBe(10 + 18 + 10);
  });
});

describe('BusinessHours', () => {
  // 2026-01-05 is a Monday.
  const hours = new BusinessHours('Mon-Fri 09:00-18:00; Sat 10:00-12:00', 'Asia/Shanghai');
  const shanghai = (day: number, h: number, m = 0) => Date.UTC(2026, 0, day, h - 8, m);

  it('is always open without a schedule', () => {
    expect(new BusinessHours(undefined).isOpen(0)).toBe(true);
  });

  it('knows when it is open in the configured time zone', () => {
    expect(hours.isOpen(shanghai(5, 9))).toBe(true);
    expect(hours.isOpen(shanghai(5, 17, 59))).toBe(true);
    expect(hours.isOpen(shanghai(5, 18))).toBe(false);
    expect(hours.isOpen(shanghai(5, 8, 59))).toBe(false);
    expect(hours.isOpen(shanghai(10, 11))).toBe(true);
    expect(hours.isOpen(shanghai(11, 11))).toBe(false);
  });

  it('promises the next opening time', () => {
    expect(hours.nextOpen(shanghai(5, 20))).toBe(shanghai(6, 9));
    expect(hours.nextOpen(shanghai(5, 7))).toBe(shanghai(5, 9));
    expect(hours.nextOpen(shanghai(10, 13))).toBe(shanghai(12, 9));
    expect(hours.nextOpen(shanghai(5, 10))).toBe(shanghai(5, 10));
  });

  it('handles daylight saving time', () => {
    const berlin = new BusinessHours('Mon-Fri 09:00-17:00', 'Europe/Berlin');
    // Sunday 2026-03-29 clocks go forward; Monday 09:00 CEST = 07:00 UTC.
    expect(berlin.nextOpen(Date.UTC(2026, 2, 28, 12))).toBe(Date.UTC(2026, 2, 30, 7));
  });

  it('rejects a schedule it cannot read', () => {
    expect(() => new BusinessHours('Mon-Fri 18:00-09:00')).toThrow(/end after it starts/);
    expect(() => new BusinessHours('Xyz 09:00-10:00')).toThrow(/unknown day/);
  });
});
