/**
 * The small valid dialog script the validation tests break line by line (their expected
 * `demo.yaml:N` numbers refer to these lines), triggered by `intents`.
 */
export function demoScript(intents: string[] = []): string {
  return `id: demo
title: { en: Demo, zh: 演示 }
trigger:
  intents: [${intents.join(', ')}]
start: ask
steps:
  ask:
    say:
      - en: "Is that right?"
        zh: "对吗？"
    wait: true
    on:
      - when: { intent: affirm }
        go: done
  done:
    actions: [end]
`;
}
