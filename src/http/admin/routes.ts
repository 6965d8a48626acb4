/**
 * The console's own API next to the content API: "test this sentence", preview chats and golden
 * runs (docs/admin-console.md). Admin role only; CSRF and Origin checks as in docs/agent-api.md.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parse } from '../agent/schemas';
import type { Guard } from '../agent/guard';
import { script as scriptSchema } from '../../dialogs/schema';
import type { AdminContent } from './content';
import { goldenFiles, involvedIntents, runGolden } from './golden';
import type { PreviewService } from './preview';

const kind = z.enum(['script', 'intent']);
const name = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'use 1-64 lower-case letters, digits, _ or -');
const MAX_SOURCE = 200_000;
const draft = z.object({ kind, name, source: z.string().max(MAX_SOURCE) });
const understandBody = z.object({ text: z.string().min(1).max(2000), draft: draft.optional() });
const previewMessage = z.union([z.object({ text: z.string().min(1).max(2000) }), z.object({ value: z.string().min(1).max(64) })]);
const goldenQuery = z.object({ kind: kind.optional(), name: name.optional() });
const goldenBody = goldenQuery.extend({ source: z.string().max(MAX_SOURCE).optional(), files: z.array(z.string().max(200)).max(100).optional() });

export interface AdminRoutesContext {
  guard: Guard;
  content: AdminContent;
  previews: PreviewService;
  /** Folder of the golden conversation files. */
  goldenDir: string;
}

/** Registers the console's own routes (inside the admin plugin). */
export function adminRoutes(app: FastifyInstance, ctx: AdminRoutesContext): void {
  const admin = { preHandler: ctx.guard.require('admin') };

  app.get('/api/admin/capabilities', admin, async () => ({ followUpDelay: followUpDelaySupported() }));

  app.post('/api/admin/understand', admin, async (req) => {
    const body = parse(understandBody, req.body);
    const set = body.draft ? await ctx.content.draftContent(body.draft.kind, body.draft.name, body.draft.source) : ctx.content.published();
    return { analysis: set.understanding.analyze(body.text) };
  });

  app.post('/api/admin/preview', admin, async (req, reply) => {
    const body = parse(draft, req.body);
    return reply.code(201).send({ previewId: await ctx.previews.create(body.kind, body.name, body.source) });
  });

  app.post<{ Params: { id: string } }>('/api/admin/preview/:id/messages', admin, async (req) => {
    return ctx.previews.send(req.params.id, parse(previewMessage, req.body));
  });

  app.get('/api/admin/golden', admin, async (req) => {
    const q = parse(goldenQuery, req.query);
    return { items: goldenFiles(ctx.goldenDir, involvedIntents(ctx.content, q.kind, q.name)) };
  });

  app.post('/api/admin/golden', admin, async (req) => {
    const body = parse(goldenBody, req.body);
    const results = await runGolden(ctx.content, ctx.goldenDir, body);
    return { passed: results.every((r) => r.passed), results };
  });
}

/** Whether the script schema has `settings.follow_up.delay_minutes` (the form shows the field then). */
export function followUpDelaySupported(): boolean {
  const settings = scriptSchema.shape.settings.unwrap().shape as Record<string, unknown>;
  return 'follow_up' in settings;
}
