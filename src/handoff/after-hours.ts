/**
 * Outside business hours, a customer who is queued for a person is told so at once, with when a
 * person will answer, in their language (METHOD.md: "respond fast and say when").
 */
import type { Bus } from '../bus/bus';
import type { Clock } from '../clock';
import type { Language } from '../engine/messages';
import type { Logger } from '../logger';
import type { BusinessHours } from './business-hours';
import type { ConversationControl } from './control';

export interface AfterHoursDeps {
  bus: Bus;
  control: ConversationControl;
  hours: BusinessHours;
  clock: Clock;
  log: Logger;
  timeZone: string;
}

export interface AfterHoursNotices {
  stop(): void;
  /** Resolves when every notice sent so far is stored and delivered. */
  settled(): Promise<void>;
}

/** Subscribes to escalations and sends the notice when nobody is working. */
export function announceAfterHours(deps: AfterHoursDeps): AfterHoursNotices {
  const pending = new Set<Promise<unknown>>();
  const stop = deps.bus.subscribe((e, origin) => {
    // Once per escalation: on the instance that escalated, not on every instance that hears of it.
    if (origin !== 'local' || e.type !== 'status' || e.event.name !== 'escalate') return;
    const now = deps.clock.now();
    if (deps.hours.isOpen(now)) return;
    const text = afterHoursText(deps.hours.nextOpen(now), e.conversation.language, deps.timeZone);
    const sent = deps.control.botMessage(e.conversation.id, text).catch((err: unknown) => {
      deps.log.error({ conversationId: e.conversation.id, err: err instanceof Error ? err.message : String(err) }, 'after-hours notice failed');
    });
    pending.add(sent);
    void sent.finally(() => pending.delete(sent));
  });
  return { stop, settled: async () => void (await Promise.all([...pending])) };
}

/** The notice, with the next opening time in the business time zone. */
export function afterHoursText(openAt: number, language: Language, timeZone: string): string {
  const locale = language === 'zh' ? 'zh-CN' : 'en-GB';
  const when = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(openAt);
  return language === 'zh'
    ? `我们的客服团队目前不在线，将于 ${when} 起回复您。您在这里留下的消息都会保留，同事上线后会第一时间处理。`
    : `Our team is offline right now; a person will answer you from ${when}. Everything you write here is kept for them.`;
}
