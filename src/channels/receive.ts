/**
 * How a platform channel hands a message to the engine: it waits only until the message is
 * durably stored (then the platform may be acknowledged); the turn goes on in the background.
 */
import type { Accepted, Engine } from '../engine/engine';
import type { InboundMessage } from '../engine/messages';
import type { Logger } from '../logger';

/**
 * Resolves once `inbound` is stored (or found to be a duplicate); rejects when it could not be
 * stored, so the channel can answer with an error and let the platform retry. Failures after
 * storing are the engine's to handle (it sends the safe reply); they are only logged here.
 */
export function receiveUntilStored(engine: Engine, inbound: InboundMessage, log: Logger): Promise<Accepted> {
  return new Promise((resolve, reject) => {
    let stored = false;
    engine
      .receive(inbound, (accepted) => {
        stored = true;
        resolve(accepted);
      })
      .catch((err: unknown) => {
        if (!stored) return reject(err);
        log.error({ channel: inbound.channel, err: err instanceof Error ? err.message : String(err) }, 'turn failed after the message was stored');
      });
  });
}
