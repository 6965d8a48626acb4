// Understanding microbenchmark (docs/performance.md): CPU per `analyze` of the bench's free texts,
// for one or more builds loaded in the same process and run in interleaved blocks, so a busy
// machine disturbs all of them alike.
// usage: npm run build && cp -r dist dist-before (on the old commit) ... node bench/analyze-ab.js dist-before dist
const path = require('path');
const INTENTS = path.join(__dirname, '../intents');
const builds = process.argv.slice(2).map((d) => [d, require(path.resolve(d, 'understanding/index.js')).createUnderstanding({ intentsDir: INTENTS })]);
const texts = [
  'My order 12345 arrived broken and nobody answers my emails, this is ridiculous', 'Order 23456 came damaged, the screen is cracked. I want this fixed',
  'my order 34567 arrived broken', '我的订单12345到了是坏的，客服一直不回复，太气人了', '订单23456收到的时候已经坏了，屏幕裂了，请尽快处理', '我的订单34567到了是坏的',
  "no that's all, thanks, bye", '没有了，好的谢谢，再见',
];
for (const [, u] of builds) for (let i = 0; i < 3000; i++) u.analyze(texts[i % texts.length]);
const BLOCK = 800, ROUNDS = 10;
const total = builds.map(() => 0);
for (let r = 0; r < ROUNDS; r++) {
  builds.forEach(([, u], k) => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < BLOCK; i++) u.analyze(texts[i % texts.length]);
    const c = process.cpuUsage(c0);
    total[k] += c.user + c.system;
  });
}
builds.forEach(([d], k) => console.log(JSON.stringify({ build: d, usPerAnalyze: Math.round((10 * total[k]) / (ROUNDS * BLOCK)) / 10 })));
