/**
 * The channels enabled by configuration: a channel is on exactly when its credentials are set.
 * (The web chat is always on and is built in main.ts.)
 *
 * Each platform channel's module is loaded only when the channel is on: the Bot Framework SDK
 * (botbuilder, MSAL) alone adds ~29 MB of resident memory and Slack's Bolt ~9 MB, which an
 * embedded install with only the web chat should not pay (docs/performance.md).
 */
import type { Config } from '../config';
import type { Channel } from './channel';

/** Builds the platform channels the configuration enables. */
export function createChannels(config: Config): Channel[] {
  const channels: Channel[] = [];
  if (config.slack) {
    const { SlackChannel } = require('./slack/slack-channel') as typeof import('./slack/slack-channel');
    channels.push(new SlackChannel(config.slack));
  }
  if (config.telegram) {
    const { TelegramChannel } = require('./telegram/telegram-channel') as typeof import('./telegram/telegram-channel');
    channels.push(new TelegramChannel(config.telegram, config.publicUrl));
  }
  const bf = config.botFramework;
  if (bf.appId || bf.allowUnauthenticated) {
    const { BotFrameworkChannel } = require('./botframework/botframework-channel') as typeof import('./botframework/botframework-channel');
    channels.push(new BotFrameworkChannel(bf));
  }
  return channels;
}
