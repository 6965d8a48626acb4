/** Minimal typings for the untyped packages the eval baselines use. */
declare module 'sentiment' {
  class Sentiment {
    analyze(text: string): { score: number; comparative: number };
  }
  export = Sentiment;
}

declare module '@nlpjs/basic' {
  export interface Container {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Promise<Container>;
  export class Nlp {
    constructor(settings: Record<string, unknown>);
  }
  export const LangEn: unknown;
}

declare module '@nlpjs/lang-zh' {
  export const LangZh: unknown;
}
