/**
 * zod schemas of the admin API's parameters, queries and bodies (docs/admin-api.md).
 */
import { z } from 'zod';

/** YAML sources are limited to 256 KiB of text. */
export const MAX_SOURCE = 256 * 1024;

const kind = z.enum(['script', 'intent']);
const name = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'use 1-64 lower-case letters, digits, _ or -');
const source = z.string().max(MAX_SOURCE, `a source is limited to ${MAX_SOURCE} characters`);
const revision = z.number().int().min(0);
const message = z.string().trim().max(500);

export const itemParams = z.object({ kind, name });
export const versionParams = itemParams.extend({ version: z.coerce.number().int().min(1) });
export const validateBody = z.object({ kind, name, source });
export const draftBody = z.object({ source, expectedRevision: revision });
export const publishBody = z.object({ message: message.min(1, 'say what changed'), expectedRevision: revision });
export const rollbackBody = z.object({ version: z.number().int().min(1), message: message.optional() });
export const diffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.union([z.literal('draft'), z.coerce.number().int().min(1)]) });
export const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
