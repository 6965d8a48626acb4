import { extractEntities } from '../../src/understanding/entities';

const now = Date.UTC(2026, 10, 25, 10); // Wednesday 2026-11-25
const pick = (text: string, products?: string[]) => extractEntities(text, { now, products }).map((e) => [e.type, e.value]);

describe('extractEntities', () => {
  it.each([
    ['my order 12345 arrived broken', '12345'],
    ['order #98765432', '98765432'],
    ['order number: 556677', '556677'],
    ['order 112-1234567-1234567 never arrived', '112-1234567-1234567'],
    ['订单号：DD-2023-1203001', 'DD-2023-1203001'],
    ['my order ab-123456 is late', 'AB-123456'],
    ['order 12345-broken', '12345'],
    ['订单12345', '12345'],
    ['订单号：20231234 还没到', '20231234'],
    ['where is my package 123456789', '123456789'],
    // Taobao and JD order numbers run to 19 digits.
    ['订单号是 2025110800123', '2025110800123'],
    ['订单号：3345123456789012345', '3345123456789012345'],
    ['my order number is 2025110800123', '2025110800123'],
    // Common misspellings of "order".
    ['my oder 12345 hasnt arived yet', '12345'],
    ['ordr #55512 is late', '55512'],
  ])('order number in %s', (text, value) => {
    expect(pick(text)).toEqual([['order_number', value]]);
  });

  it.each([
    ['order 2026-12-01 never came', '2026-12-01'],
    ['my order 2026/12/01', '2026-12-01'],
    ['订单 2026-12-01 下的', '2026-12-01'],
  ])('reads a date after "order" as a date, not as order number "2026": %s', (text, date) => {
    expect(pick(text)).toEqual([['date', date]]);
  });

  it('takes a turn that is only a number for an order number, but not a mobile number', () => {
    expect(pick('12345')).toEqual([['order_number', '12345']]);
    expect(pick('#ab-778812')).toEqual([['order_number', 'AB-778812']]);
    expect(pick('13812345678')).toEqual([['phone', '+8613812345678']]);
  });

  it('does not take a bare number for an order when the text is not about an order', () => {
    expect(pick('I waited 12345 seconds')).toEqual([]);
  });

  it('does not take the digits of a tracking code for an order number, but keeps a bare one beside Chinese', () => {
    expect(pick("no order number, it's tracking LX123456789CN")).toEqual([]);
    expect(pick('包裹单号不知道，快递单号是SF1234567890X吗')).toEqual([]);
    expect(pick('我的包裹12345678还没到')).toEqual([['order_number', '12345678']]);
  });

  it('finds ticket references case-insensitively and normalises them', () => {
    expect(pick('status of cp-7k3m9q?')).toEqual([['ticket_ref', 'CP-7K3M9Q']]);
    expect(pick('投诉CP-ABC123进度')).toEqual([['ticket_ref', 'CP-ABC123']]);
  });

  it('finds emails and phones', () => {
    expect(pick('mail Foo.Bar@Example.com or call +1 (415) 555-2671')).toEqual([['email', 'foo.bar@example.com'], ['phone', '+14155552671']]);
    expect(pick('我的手机13800138000')).toEqual([['phone', '+8613800138000']]);
    expect(pick('call 415-555-2671')).toEqual([['phone', '+14155552671']]);
  });

  it('finds amounts with currencies', () => {
    const got = extractEntities('charged $120.50, then 120 dollars, 多扣了120元, 50块, RMB 30, €5.50, ¥99', { now });
    expect(got.map((e) => [e.amount, e.currency])).toEqual([
      [120.5, 'USD'], [120, 'USD'], [120, 'CNY'], [50, 'CNY'], [30, 'CNY'], [5.5, 'EUR'], [99, 'CNY'],
    ]);
  });

  it('resolves relative and absolute dates against now', () => {
    const text = 'yesterday, last Friday, 3 days ago, 昨天, 上周五, 3天前, 三天前, 2026-11-20, 11月20日, Nov 3rd, 前天';
    expect(pick(text).map(([, v]) => v)).toEqual([
      '2026-11-24', '2026-11-20', '2026-11-22', '2026-11-24', '2026-11-20', '2026-11-22', '2026-11-22', '2026-11-20', '2026-11-20', '2026-11-03', '2026-11-23',
    ]);
  });

  it('puts a month-day that would be in the future into last year', () => {
    expect(pick('it was on 12月30日')).toEqual([['date', '2025-12-30']]);
  });

  it('finds configured product names, longest first, on word boundaries', () => {
    expect(pick('my iPhone 15 Pro screen cracked', ['iPhone 15', 'iPhone 15 Pro'])).toEqual([['product', 'iPhone 15 Pro']]);
    expect(pick('我的AirPods坏了', ['AirPods'])).toEqual([['product', 'AirPods']]);
    expect(pick('pods are fine', ['AirPods'])).toEqual([]);
  });
});
