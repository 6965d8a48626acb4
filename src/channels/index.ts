/**
 * The channels enabled by configuration: a channel is on exactly when its credentials are set.
 * (The web chat is always on and is built in main.ts.)
 */
import type { Config } from '../config';
import type { Channel } from './channel';
import { BotFrameworkChannel } from './botframework/botframework-channel';
import { SlackChannel } from './slack/slack-channel';
import { TelegramChannel } from './telegram/telegram-channel';

/** Builds the platform channels the configuration enables. */
export function createChannels(config: Config): Channel[] {
  const channels: Channel[] = [];
  if (config.slack) channels.push(new SlackChannel(config.slack));
  if (config.telegram) channels.push(new TelegramChannel(config.telegram, config.publicUrl));
  const bf = config.botFramework;
  if (bf.appId || bf.allowUnauthenticated) channels.push(new BotFrameworkChannel(bf));
  return channels;
}
