/**
 * Prometheus metrics (prom-client), exposed at `/metrics`. One registry per app instance so
 * tests can start several in one process.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  messagesReceived: Counter<'channel'>;
  duplicatesDropped: Counter<'channel'>;
  turns: Counter<'outcome'>;
  turnSeconds: Histogram;
  replies: Counter<'channel'>;
  deliveryFailures: Counter<'channel'>;
  errors: Counter<'code'>;
  /** Consultations of the optional language model by outcome (used, invalid, timeout, error, circuit_open). */
  modelCalls: Counter<'outcome'>;
  /** Durable timers run, by kind and outcome (`done`, `retry`, `failed`). */
  timersFired: Counter<'kind' | 'outcome'>;
  /** Conversations that waited in the agent queue longer than `QUEUE_SLA_SECONDS`. */
  slaBreaches: Counter;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'concord_' });
  const opts = { registers: [registry] };
  return {
    registry,
    messagesReceived: new Counter({ name: 'concord_messages_received_total', help: 'Inbound messages stored', labelNames: ['channel'], ...opts }),
    duplicatesDropped: new Counter({ name: 'concord_duplicates_dropped_total', help: 'Inbound retries dropped as duplicates', labelNames: ['channel'], ...opts }),
    turns: new Counter({ name: 'concord_turns_total', help: 'Turns processed', labelNames: ['outcome'], ...opts }),
    turnSeconds: new Histogram({ name: 'concord_turn_seconds', help: 'Time to process one turn', buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1], ...opts }),
    replies: new Counter({ name: 'concord_replies_total', help: 'Outbound messages delivered', labelNames: ['channel'], ...opts }),
    deliveryFailures: new Counter({ name: 'concord_delivery_failures_total', help: 'Failed delivery attempts', labelNames: ['channel'], ...opts }),
    errors: new Counter({ name: 'concord_errors_total', help: 'Errors by code', labelNames: ['code'], ...opts }),
    modelCalls: new Counter({ name: 'concord_model_calls_total', help: 'Consultations of the optional language model by outcome', labelNames: ['outcome'], ...opts }),
    timersFired: new Counter({ name: 'concord_timers_fired_total', help: 'Durable timers run, by kind and outcome', labelNames: ['kind', 'outcome'], ...opts }),
    slaBreaches: new Counter({ name: 'concord_queue_sla_breaches_total', help: 'Conversations that waited in the agent queue longer than QUEUE_SLA_SECONDS', ...opts }),
  };
}
