/**
 * Business hours: when people answer. Parsed from `BUSINESS_HOURS` (`Mon-Fri 09:00-18:00`,
 * ranges joined by `;`) in `BUSINESS_TIMEZONE`. Without a schedule the team is always open.
 */
import { ConcordError } from '../errors';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Range {
  days: Set<number>;
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  minutes: number;
}

/** Answers "are we open?" and "when do we open next?" for one schedule. */
export class BusinessHours {
  private readonly ranges: Range[];

  constructor(spec: string | undefined, private readonly timeZone = 'UTC') {
    this.ranges = spec ? spec.split(';').map((part) => parseRange(part.trim())) : [];
  }

  /** True when there is no schedule or `now` falls inside one of its ranges. */
  isOpen(now: number): boolean {
    if (this.ranges.length === 0) return true;
    const t = this.local(now);
    return this.ranges.some((r) => r.days.has(t.weekday) && t.minutes >= r.start && t.minutes < r.end);
  }

  /** The next opening time at or after `now` (`now` itself when open). */
  nextOpen(now: number): number {
    if (this.isOpen(now)) return now;
    const t = this.local(now);
    for (let offset = 0; offset <= 7; offset++) {
      const weekday = (t.weekday + offset) % 7;
      const starts = this.ranges.filter((r) => r.days.has(weekday)).map((r) => r.start).sort((a, b) => a - b);
      for (const start of starts) {
        if (offset === 0 && start <= t.minutes) continue;
        return this.toUtc(Date.UTC(t.year, t.month - 1, t.day + offset, 0, start), now);
      }
    }
    return now;
  }

  /** Local wall-clock `ms` (as if UTC) -> the real instant, correcting once for DST changes. */
  private toUtc(localMs: number, near: number): number {
    const first = localMs - this.offset(near);
    return localMs - this.offset(first);
  }

  private offset(ms: number): number {
    const t = this.local(ms);
    const asUtc = Date.UTC(t.year, t.month - 1, t.day, 0, t.minutes);
    return asUtc - Math.floor(ms / 60_000) * 60_000;
  }

  private local(ms: number): LocalTime {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: this.timeZone, year: 'numeric', month: 'numeric', day: 'numeric',
      weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
    }).formatToParts(new Date(ms));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
    return {
      year: Number(get('year')),
      month: Number(get('month')),
      day: Number(get('day')),
      weekday: DAYS.indexOf(get('weekday').toLowerCase()),
      minutes: Number(get('hour')) * 60 + Number(get('minute')),
    };
  }
}

function parseRange(part: string): Range {
  const m = /^([A-Za-z]{3})(?:-([A-Za-z]{3}))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(part);
  if (!m) throw new ConcordError('config_invalid', `BUSINESS_HOURS: cannot read "${part}"; write e.g. "Mon-Fri 09:00-18:00"`);
  const from = DAYS.indexOf(m[1].toLowerCase());
  const to = DAYS.indexOf((m[2] ?? m[1]).toLowerCase());
  if (from < 0 || to < 0) throw new ConcordError('config_invalid', `BUSINESS_HOURS: unknown day in "${part}" (use Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  const days = new Set<number>();
  for (let d = from; ; d = (d + 1) % 7) {
    days.add(d);
    if (d === to) break;
  }
  const start = Number(m[3]) * 60 + Number(m[4]);
  const end = Number(m[5]) * 60 + Number(m[6]);
  if (end <= start || end > 24 * 60) throw new ConcordError('config_invalid', `BUSINESS_HOURS: "${part}" must end after it starts, within one day`);
  return { days, start, end };
}
