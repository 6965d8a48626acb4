/**
 * A small `(ctx, next)` middleware pipeline (after Hono's compose and grammY's Composer). A
 * stage stops the turn by not calling `next()`; nothing is skipped silently.
 */
export type Next = () => Promise<void>;
export type Middleware<C> = (ctx: C, next: Next) => Promise<void>;

export interface Stage<C> {
  name: string;
  run: Middleware<C>;
}

/** Composes named stages into one function; calling `next()` twice is a programming error. */
export function compose<C>(stages: Stage<C>[]): (ctx: C) => Promise<void> {
  return (ctx) => {
    let last = -1;
    const dispatch = async (i: number): Promise<void> => {
      if (i <= last) throw new Error(`stage ${stages[i - 1]?.name ?? i} called next() twice`);
      last = i;
      const stage = stages[i];
      if (stage) await stage.run(ctx, () => dispatch(i + 1));
    };
    return dispatch(0);
  };
}
