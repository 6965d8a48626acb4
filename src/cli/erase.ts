/**
 * `concord erase --customer <id>`: erases a customer from the configured store (docs/privacy.md)
 * and prints the counts per table as JSON. The audit log records the customer id and counts.
 * Sockets the customer has open on a running server are closed only by the API route
 * (`POST /api/admin/customers/:id/erase`), which reaches every instance over the bus.
 */
import type { Command } from 'commander';
import { systemClock } from '../clock';
import { ConfigError, loadConfig } from '../config';
import { isConcordError } from '../errors';
import { eraseCustomer } from '../privacy/erasure';
import { createStore } from '../store';

/** Registers `concord erase`. */
export function registerEraseCommand(program: Command): void {
  program
    .command('erase')
    .description('erase a customer: their messages, tickets, survey answers, identities and conversations (audited)')
    .requiredOption('--customer <id>', 'the customer id (find it with GET /api/admin/customers)')
    .action(async (opts: { customer: string }) => {
      try {
        const config = loadConfig();
        const store = createStore({ kind: config.store.kind, dataDir: config.dataDir, mongodbUri: config.store.mongodbUri });
        await store.init();
        try {
          const counts = await eraseCustomer({ store, clock: systemClock }, opts.customer, 'cli');
          process.stdout.write(`${JSON.stringify({ erased: opts.customer, counts })}\n`);
        } finally {
          await store.close();
        }
      } catch (err) {
        if (!(err instanceof ConfigError) && !isConcordError(err)) throw err;
        process.stderr.write(`concord erase: ${err.message}\n`);
        process.exit(1);
      }
    });
}
