import { containsPersonalData, findPersonalData, isChineseResidentId, maskPersonalData, passesLuhn } from '../../src/privacy/pii';

describe('maskPersonalData: personal data is masked, the kind stays visible', () => {
  it.each([
    // emails
    ['email me at john.doe+shop@example.co.uk please', 'email me at [email] please'],
    ['Foo.Bar@Example.COM wrote', '[email] wrote'],
    ['我的邮箱是zhang.san@qq.com，谢谢', '我的邮箱是[email]，谢谢'],
    // phones, English formats
    ['call +1 (415) 555-2671 today', 'call [phone] today'],
    ['my number is 415-555-2671.', 'my number is [phone].'],
    ['(415) 555-2671', '[phone]'],
    ['reach me on 415.555.2671', 'reach me on [phone]'],
    ['London: +44 20 7946 0958', 'London: [phone]'],
    ['office 020 7946 0958', 'office [phone]'],
    ['call me at 4155552671', 'call me at [phone]'],
    ['phone: 0049 30 1234567', 'phone: [phone]'],
    // phones, Chinese
    ['我的手机13812345678，请回电', '我的手机[phone]，请回电'],
    ['电话：+86 138 1234 5678', '电话：[phone]'],
    ['手机号是 139-1234-5678', '手机号是 [phone]'],
    ['8613912345678', '[phone]'],
    ['座机 021-12345678', '座机 [phone]'],
    // cards passing Luhn
    ['card 4111 1111 1111 1111 was charged twice', 'card [card ****1111] was charged twice'],
    ['MC 5500-0000-0000-0004', 'MC [card ****0004]'],
    ['amex 378282246310005', 'amex [card ****0005]'],
    ['卡号6222 0212 3456 7894被扣款两次', '卡号[card ****7894]被扣款两次'],
    ['4012888888881881', '[card ****1881]'],
    ['charged 4111 1111 1111 1111 2 times', 'charged [card ****1111] 2 times'],
    // ID numbers
    ['身份证号110101199003071233', '身份证号[id]'],
    ['身份证 44030419851231002X 丢了', '身份证 [id] 丢了'],
    ['id 44030419851231002x', 'id [id]'],
    ['SSN 123-45-6789', 'SSN [ssn]'],
    ['my social security number is 123456789', 'my social security number is [ssn]'],
    // several in one text, next to order numbers and amounts that stay
    ['Order #12345: refund $120.50 to 4111-1111-1111-1111, mail a@b.io', 'Order #12345: refund $120.50 to [card ****1111], mail [email]'],
    ['订单号12345退款120元，联系13800138000', '订单号12345退款120元，联系[phone]'],
  ])('%s', (input, masked) => {
    expect(maskPersonalData(input)).toBe(masked);
  });
});

describe('maskPersonalData: what is not personal data stays', () => {
  it.each([
    'card 4111 1111 1111 1112 (Luhn fails)',
    '1234567812345678',
    '6222021234567890 is not a valid card',
    // pass the Luhn check but start with no card issuer's prefix: long order or tracking numbers
    '1234567890123452',
    'my number is 7234567890123459 and it is late',
    '单号9234567890123455',
    '0234567890123454',
    'my complaint CP-7K3M9Q is open',
    '投诉CP-ABC123进度',
    'order #12345 arrived broken',
    'order 4111111111111111 is late',
    'ORD-2024-000123',
    'ORD-4111111111111111',
    'INV-13812345678',
    '订单号 13812345678 还没到',
    '运单号：13812345678901',
    'tracking number 4012888888881881',
    'I paid $1,234.56 and ¥5000',
    '多扣了13800元',
    'refund 4111111111111111 yuan',
    'it broke on 2026-12-02 at 10:30',
    'I waited 12345 seconds',
    '110101199003071234 (checksum fails)',
    '110101199013071238',
    'version 1.2.3 on 192.168.1.10',
    '000-12-3456 is not an SSN',
    '',
    'no digits at all, 没有数字',
  ])('%s', (input) => {
    expect(maskPersonalData(input)).toBe(input);
    expect(containsPersonalData(input)).toBe(false);
  });
});

describe('findPersonalData', () => {
  it('returns kinds and offsets in text order', () => {
    const text = 'x@y.cn 13812345678 4111111111111111 110101199003071233 123-45-6789';
    expect(findPersonalData(text).map((m) => [m.kind, m.text, text.slice(m.start, m.end)])).toEqual([
      ['email', 'x@y.cn', 'x@y.cn'],
      ['phone', '13812345678', '13812345678'],
      ['card', '4111111111111111', '4111111111111111'],
      ['cn_id', '110101199003071233', '110101199003071233'],
      ['ssn', '123-45-6789', '123-45-6789'],
    ]);
  });

  it('keeps long digit strings whole instead of masking a part of them', () => {
    expect(maskPersonalData('ref 41111111111111110000000')).toBe('ref 41111111111111110000000');
  });

  it('handles long inputs', () => {
    const long = `${'blah 12345 '.repeat(20000)}a@b.com`;
    expect(maskPersonalData(long).endsWith('[email]')).toBe(true);
  });
});

describe('checks', () => {
  it('Luhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('')).toBe(false);
  });

  it('Chinese resident ID checksum and birth date', () => {
    expect(isChineseResidentId('110101199003071233')).toBe(true);
    expect(isChineseResidentId('44030419851231002X')).toBe(true);
    expect(isChineseResidentId('110101199003071234')).toBe(false);
    expect(isChineseResidentId('11010119900307123')).toBe(false);
  });
});
