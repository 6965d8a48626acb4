import { dropClosingQuestion } from '../../src/engine/replies';

function drop(...texts: string[]): string[] {
  const outbound = texts.map((text) => ({ text }));
  dropClosingQuestion(outbound);
  return outbound.map((m) => m.text);
}

describe('dropClosingQuestion (a handoff in the same turn)', () => {
  it('removes the closing question and keeps the empathy before it', () => {
    expect(drop('I hear you, and I want to sort this out properly. Could you give me the order number so I can find it right away?')).toEqual(['I hear you, and I want to sort this out properly.']);
    expect(drop('我完全明白您的心情。能告诉我订单号吗？')).toEqual(['我完全明白您的心情。']);
  });

  it('removes what follows the last question, which only makes sense with it', () => {
    expect(drop('我完全明白您的心情，我想尽快帮您处理好。能告诉我订单号吗？我马上帮您查。')).toEqual(['我完全明白您的心情，我想尽快帮您处理好。']);
    expect(drop('Sorry about that. Is that correct? Please answer yes or no.')).toEqual(['Sorry about that.']);
  });

  it('keeps an earlier question answered by nothing but its own sentence, and a message without a question', () => {
    expect(drop('Why? Because we care. Shall I check?')).toEqual(['Why? Because we care.']);
    expect(drop('first', 'Thank you for telling me.')).toEqual(['first', 'Thank you for telling me.']);
  });

  it('drops the message when it was only the question, and only the last message is touched', () => {
    expect(drop('So sorry!', 'What is the order number?')).toEqual(['So sorry!']);
    expect(drop('Is it broken?', '能告诉我订单号吗？我马上帮您查。')).toEqual(['Is it broken?']);
  });
});
