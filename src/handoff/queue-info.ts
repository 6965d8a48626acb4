/** Where a queued conversation stands: what waiting customers are shown. */
export interface QueuePlace {
  /** 1 = next to be answered. */
  position: number;
  etaSeconds: number;
}

/** Looks up a queued conversation's place (null when it is not queued). */
export type QueueInfo = (conversationId: string) => Promise<QueuePlace | null>;
