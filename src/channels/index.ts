/**
 * The channels enabled by configuration: a channel is on exactly when its credentials are set.
 * (The web chat is always on and is built in main.ts.)
 */
import type { Config } from '../config';
import type { Channel } from './channel';
import { SlackChannel } from './slack/slack-channel';

/** Builds the platform channels the configuration enables. */
export function createChannels(config: Config): Channel[] {
  const channels: Channel[] = [];
  if (config.slack) channels.push(new SlackChannel(config.slack));
  return channels;
}
