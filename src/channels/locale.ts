/**
 * Platform locale strings ("en-US", "zh-hans", "zh-CN") to the languages Concord speaks.
 */
import type { Language } from '../engine/messages';

/** `zh*` -> `zh`, `en*` -> `en`, anything else (or nothing) -> undefined. */
export function languageFromLocale(locale: string | undefined | null): Language | undefined {
  const l = locale?.trim().toLowerCase();
  if (!l) return undefined;
  if (l.startsWith('zh')) return 'zh';
  if (l.startsWith('en')) return 'en';
  return undefined;
}
