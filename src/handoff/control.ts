/**
 * `ConversationControl`: everything a person (agent, supervisor) or the routing does to a
 * conversation, enforced in the core: status changes only through named transitions recorded
 * as events with who and why; claims are atomic (optimistic versions), so two agents can never
 * own one chat; only the owning agent may reply; agent text is stored before it is delivered.
 */
import type { Conversation, StoredMessage } from '../store/port';

export type Actor = { kind: 'agent' | 'supervisor' | 'admin'; id: string } | { kind: 'system' | 'bot' };

export interface ConversationControl {
  /** bot -> queued, with the reasons (customer_request, emotion, repeat_complaint, ...). */
  escalate(conversationId: string, reasons: string[], actor: Actor): Promise<Conversation>;
  /**
   * queued|bot -> agent; fails with `already_claimed` when someone else won the race, and with
   * `at_capacity` when `maxChats` is given and the agent already owns that many. The capacity
   * check and the claim are one atomic store write (`TurnCommit.capacity`), so concurrent claims,
   * on any instance, cannot take an agent over `maxChats`.
   */
  assign(conversationId: string, agentId: string, actor: Actor, maxChats?: number): Promise<Conversation>;
  /**
   * agent -> agent (another agent), or back to the queue for a team when `agentId` is absent. With
   * `maxChats`, `at_capacity` when the target agent already owns that many (checked atomically,
   * as for `assign`).
   */
  transfer(conversationId: string, to: { agentId?: string; team?: string; note?: string; maxChats?: number }, actor: Actor): Promise<Conversation>;
  /** agent|queued -> bot: the bot resumes at the follow-up step (survey, "anything else?"). */
  returnToBot(conversationId: string, actor: Actor, reason?: string): Promise<Conversation>;
  close(conversationId: string, actor: Actor, reason?: string): Promise<Conversation>;
  /** Stores and delivers an agent's reply; only the owning agent may reply (`not_owner`). */
  agentReply(conversationId: string, agentId: string, text: string): Promise<StoredMessage>;
  /** Shows the customer that the agent is typing. */
  agentTyping(conversationId: string, agentId: string): void;
  /** Stores and delivers a message from the bot outside a customer turn (e.g. the after-hours notice). */
  botMessage(conversationId: string, text: string): Promise<StoredMessage>;
}
