/**
 * Login throttling with `rate-limiter-flexible`: failed attempts are counted per email and per
 * client IP in a 15-minute window. Once a key is out of attempts every login for it is refused
 * (`429 too_many_attempts`) until the window passes, right password or not. With Redis the
 * counters are shared by every instance (`src/rate-limits.ts`).
 */
import { memoryRateLimits, type RateLimit, type RateLimits } from '../rate-limits';

/** Limits; tests may lower them. */
export interface ThrottleOptions {
  perEmail: number;
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { perEmail: 5, perIp: 20, windowSeconds: 15 * 60 };

/** Counts failed logins; `check` says whether another attempt is allowed. */
export class LoginThrottle {
  private readonly byEmail: RateLimit;
  private readonly byIp: RateLimit;

  constructor(private readonly options: ThrottleOptions = DEFAULT_THROTTLE, limits: RateLimits = memoryRateLimits) {
    this.byEmail = limits({ name: 'login_email', points: options.perEmail, durationSeconds: options.windowSeconds });
    this.byIp = limits({ name: 'login_ip', points: options.perIp, durationSeconds: options.windowSeconds });
  }

  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  async check(email: string, ip: string): Promise<number> {
    const [e, i] = await Promise.all([this.byEmail.get(email.toLowerCase()), this.byIp.get(ip)]);
    const waits = [
      e && e.consumedPoints >= this.options.perEmail ? e.msBeforeNext : 0,
      i && i.consumedPoints >= this.options.perIp ? i.msBeforeNext : 0,
    ];
    return Math.ceil(Math.max(...waits) / 1000);
  }

  /** Records one failed attempt against both keys. */
  async failed(email: string, ip: string): Promise<void> {
    await Promise.allSettled([this.byEmail.consume(email.toLowerCase()), this.byIp.consume(ip)]);
  }

  /** A successful login clears the email's counter (the IP's stays). */
  async succeeded(email: string): Promise<void> {
    await this.byEmail.delete(email.toLowerCase());
  }
}
