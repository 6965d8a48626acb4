import { renderTemplate, templateVariables } from '../../src/dialogs/templates';

const values: Record<string, string> = { 'ticket.due': '12月8日（周二）', 'ticket.ref': 'CP-7K3M9Q', 'slots.order_number': '123456', summary: 'it broke' };
const lookup = (name: string) => values[name];

describe('renderTemplate', () => {
  it('fills the variables a template uses, and nothing for an unknown one', () => {
    expect(templateVariables('Order {{slots.order_number}}: {{ summary }}')).toEqual(['slots.order_number', 'summary']);
    expect(renderTemplate('Order {{slots.order_number}}: "{{summary}}" {{nothing}}', lookup)).toBe('Order 123456: "it broke"');
  });

  it('drops a space beside full-width punctuation, keeps the one between Chinese and a value', () => {
    expect(renderTemplate('并会在 {{ticket.due}} 前处理完毕。', lookup)).toBe('并会在 12月8日（周二）前处理完毕。');
    expect(renderTemplate('编号 {{ticket.ref}} 。订单 {{slots.order_number}} ，谢谢', lookup)).toBe('编号 CP-7K3M9Q。订单 123456，谢谢');
    expect(renderTemplate('I opened {{ticket.ref}} (normal priority) for you.', lookup)).toBe('I opened CP-7K3M9Q (normal priority) for you.');
  });
});
