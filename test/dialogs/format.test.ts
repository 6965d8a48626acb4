import { quoted, summarize, shorten } from '../../src/dialogs/format';

describe('summarize: the problem restated calmly, facts kept', () => {
  it.each([
    ["I'm FURIOUS!!! You charged me twice for order 33456 and nobody cares, this is a disgrace!!!", 'You charged me twice for order 33456 and nobody cares, this is a disgrace!'],
    ['气死我了！！订单12345的耳机坏了，太失望了！', '订单12345的耳机坏了，太失望了！'],
    ['My parcel never arrived.', 'My parcel never arrived.'],
    ['The ABC router I bought is BROKEN', 'The ABC router I bought is broken'],
    ['Order 555 late!!!', 'Order 555 late!'],
    // A greeting before the story is not part of the problem.
    ['hi, I was charged twice for order 55120, $49.99 each time. this is the third time', 'I was charged twice for order 55120, $49.99 each time. this is the third time'],
    ['Hello there! my parcel never arrived', 'My parcel never arrived'],
    ['您好，在吗？订单12345的耳机坏了', '订单12345的耳机坏了'],
    ['Hi', 'Hi'],
    ['Hi-fi speaker arrived broken', 'Hi-fi speaker arrived broken'],
    ['Hey, hey! Dear team, the app crashes', 'The app crashes'],
    ['Write to jo.smith@mail.com please. Version 2.0 broke my phone. UNACCEPTABLE!', 'Write to jo.smith@mail.com please. Version 2.0 broke my phone.'],
    ['到底怎么回事？订单12345的耳机坏了。气死了！', '到底怎么回事？订单12345的耳机坏了。'],
    ['THIS IS THE WORST SERVICE EVER. my order 12001 is 3 weeks late', 'This is the worst service ever. my order 12001 is 3 weeks late'],
    ['MY UPS PARCEL IS LATE', 'My UPS parcel is late'],
    ['ORDER CP-ABC123 IS LATE AGAIN', 'Order CP-ABC123 is late again'],
    // A short exclamation that says what is wrong is the problem, not an outburst.
    ["This is the third time I'm contacting you about order 771234. Still no refund!", "This is the third time I'm contacting you about order 771234. Still no refund!"],
    ['又联系你们了。还没退款！', '又联系你们了。还没退款！'],
    // How a second complaint starts in a chat is not part of its problem.
    ['also my other order 777888 never arrived', 'My other order 777888 never arrived'],
    ['另外，我的另一个订单也没到', '我的另一个订单也没到'],
    ['Andrew from support hung up on me', 'Andrew from support hung up on me'],
    ["ok, and my last order 332211 still hasn't arrived", "My last order 332211 still hasn't arrived"],
    ['好的，另外耳机也坏了', '耳机也坏了'],
    ['right earbud is dead', 'right earbud is dead'],
    ['actually my order 223344 is late', 'My order 223344 is late'],
    ['其实我的耳机也坏了', '我的耳机也坏了'],
    ['the charger actually works, the cable is frayed', 'the charger actually works, the cable is frayed'],
    // Emoji are left out of the quoted problem, unless they are all there is.
    ['收到的杯子碎了 😭', '收到的杯子碎了'],
    ['my parcel is late again 😡😡 order 12345 👎🏻', 'my parcel is late again order 12345'],
    ['😡😡', '😡😡'],
  ])('%s', (text, expected) => {
    expect(summarize(text, 120)).toBe(expected);
  });

  it('keeps the sentences that say what is wrong when the story is too long', () => {
    const story = "This is the third time I'm contacting you. My washing machine (order 80012) is leaking water everywhere and nobody called me back. Call me at 415-555-0199.";
    expect(summarize(story, 120)).toBe('My washing machine (order 80012) is leaking water everywhere and nobody called me back');
    expect(summarize("I'm writing again. Nobody here seems to care at all. Honestly I expected better from you.", 40)).toBe("I'm writing again. Nobody here seems to…");
    expect(summarize("This is the third time I'm contacting you. The blender is broken.", 120)).toBe("This is the third time I'm contacting you. The blender is broken.");
  });

  it('leaves out a clause that only gives the order number (the confirmation states it)', () => {
    expect(summarize('我在你们这买的冰箱不制冷了，才用了一个月，订单号是 2025103100881', 120)).toBe('我在你们这买的冰箱不制冷了，才用了一个月');
    expect(summarize('我的快递显示已签收但是我根本没收到！订单 889900', 120)).toBe('我的快递显示已签收但是我根本没收到');
    expect(summarize('Nobody has called me back! Order 771234', 120)).toBe('Nobody has called me back');
    expect(summarize("the tracking says delivered but there's nothing here. order 553311", 120)).toBe("the tracking says delivered but there's nothing here");
    expect(summarize('I ordered a dress in size M but got size L, order 88123', 120)).toBe('I ordered a dress in size M but got size L');
    expect(summarize('Order #88123: the screen is cracked', 120)).toBe('the screen is cracked');
    expect(summarize('订单12345，屏幕碎了', 120)).toBe('屏幕碎了');
    expect(summarize('耳机右边没声音，订单号 20241234，我要换新的', 120)).toBe('耳机右边没声音，我要换新的');
    expect(summarize('the lid is cracked, order 12345, please send a new one', 120)).toBe('the lid is cracked, please send a new one');
    // At the end of a sentence that more of the story follows (a detail added at the confirmation).
    expect(summarize('my headphones have no sound on the left, order 889900. The right one crackles too', 120)).toBe('my headphones have no sound on the left. The right one crackles too');
    expect(summarize('我买的耳机左边没声音，订单 889900。右边也有杂音', 120)).toBe('我买的耳机左边没声音。右边也有杂音');
    // The number inside the story, a word that is no number, or nothing else: kept.
    expect(summarize('my order 12345 arrived broken', 120)).toBe('my order 12345 arrived broken');
    expect(summarize('my order is late, nobody called', 120)).toBe('my order is late, nobody called');
    expect(summarize('the parcel is lost, order status says delivered', 120)).toBe('the parcel is lost, order status says delivered');
    expect(summarize('order 12345', 120)).toBe('order 12345');
  });

  it('leaves out praise before the problem, which is mostly sarcasm', () => {
    expect(summarize('wow great service, my order 12345 is three weeks late', 120)).toBe('My order 12345 is three weeks late');
    expect(summarize('你们效率真高啊，一个月了还没发货', 120)).toBe('一个月了还没发货');
    expect(summarize('太好了，又坏了', 120)).toBe('又坏了');
    expect(summarize('great job guys! the box arrived empty', 120)).toBe('The box arrived empty');
    // Praise inside a sentence, or nothing else: kept.
    expect(summarize('great service overall, but one item was missing', 120)).toBe('great service overall, but one item was missing');
    expect(summarize('真好', 120)).toBe('真好');
  });

  it('leaves out the customer introducing themselves: name, email, phone', () => {
    expect(summarize('hi my name is John Smith, my email is john@example.com, order 99887 never arrived', 120)).toBe('Order 99887 never arrived');
    expect(summarize('您好，我叫王小明，我的手机号是13800138000，订单123456的耳机坏了', 120)).toBe('订单123456的耳机坏了');
    expect(summarize('the lid is cracked, my email is a@b.com, my phone is 555 1234', 120)).toBe('the lid is cracked');
    expect(summarize('the lid is cracked, call me on 07700 900123, thanks', 120)).toBe('the lid is cracked, thanks');
    // Contact details inside the story, or nothing else: kept.
    expect(summarize('my phone number is +44 7700 900123 and the screen is broken', 120)).toBe('my phone number is +44 7700 900123 and the screen is broken');
    expect(summarize('my name is Jo', 120)).toBe('my name is Jo');
    expect(summarize('This is the third time I have written', 120)).toBe('This is the third time I have written');
  });

  it('keeps an outburst when it is all there is, without the shouting', () => {
    expect(summarize('UNACCEPTABLE!!!', 120)).toBe('Unacceptable!');
  });

  it('keeps the capital at the start of every sentence that had one after lower-casing a shouted run', () => {
    expect(summarize("THIS IS THE THIRD TIME I'M WRITING!!! WHERE IS MY REFUND FOR ORDER 88123???", 120)).toBe("This is the third time I'm writing! Where is my refund for order 88123?");
    expect(summarize('my order broke. it is bad.', 120)).toBe('my order broke. it is bad.');
  });

  it('shortens like shorten()', () => {
    const long = `My order 42 ${'never came '.repeat(30)}`;
    expect(summarize(long, 50)).toBe(shorten(long, 50));
  });
});

describe('quoted: a summary inside a sentence', () => {
  it('drops its own final full stop, keeps other endings', () => {
    expect(quoted('My order 12345 arrived broken and nobody answers my emails.')).toBe('My order 12345 arrived broken and nobody answers my emails');
    expect(quoted('耳机左边没声音。')).toBe('耳机左边没声音');
    expect(quoted('Why was I charged twice?')).toBe('Why was I charged twice?');
    expect(quoted('It stopped working...')).toBe('It stopped working...');
    expect(quoted('I paid $49.99')).toBe('I paid $49.99');
  });
});
