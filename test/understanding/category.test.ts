import { detectCategory } from '../../src/understanding/category';

describe('detectCategory', () => {
  it.each([
    ['the screen arrived cracked', 'product'],
    ['东西用了两天就坏了', 'product'],
    ['the agent was rude and hung up on me', 'service'],
    ['客服态度太差了', 'service'],
    ['you charged me twice', 'price'],
    ['多扣了120元', 'price'],
    ['my parcel never arrived', 'logistics'],
    ['快递三天了还没到', 'logistics'],
    ['my account is locked', 'account'],
    ['账号登不上，密码错误', 'account'],
    ['you leaked my personal data', 'privacy'],
    ['我的个人信息被泄露了', 'privacy'],
    ['hello there', 'other'],
  ])('%s -> %s', (text, category) => {
    expect(detectCategory(text)).toBe(category);
  });
});
