/**
 * A general Chinese review-sentiment lexicon: words that praise or fault a product, a service or
 * a delivery in any shop, with negation ("不满意", "没问题", "不是很好"). The review model
 * (`models/sentiment-zh.json`) learned its n-grams from hotel and food-delivery reviews only; this
 * lexicon carries the polarity of words those domains rarely use (正品/假货, 卡顿, 掉色, 回购) to
 * other shops. Written for this project; how much it weighs was chosen on transfer between the
 * two domains we have (docs/quality.md, "Chinese review sentiment across domains").
 */

const POSITIVE = [
  '不错', '很好', '挺好', '真好', '非常好', '特别好', '好吃', '好喝', '好用', '好看', '好评', '满意', '喜欢', '喜爱', '推荐', '值得', '超值',
  '划算', '实惠', '物美价廉', '性价比高', '方便', '快捷', '及时', '准时', '干净', '整洁', '舒适', '舒服', '热情', '周到', '耐心', '贴心',
  '专业', '漂亮', '精美', '精致', '完美', '棒', '赞', '给力', '惊喜', '正品', '清晰', '流畅', '结实', '耐用', '合身', '新鲜', '美味',
  '回购', '五星', '优秀', '感谢', '谢谢', '开心', '愉快', '放心', '靠谱', '信赖', '很快', '挺快', '神速', '质量好', '做工好', '手感好',
  '效果好', '好好', '超赞', '满分', '物超所值', '没得说', '无可挑剔', '一如既往', '惊艳', '好极了', '不愧',
  // Shops: books, phones and computers, appliances, fruit and food, clothes, cosmetics.
  '正版', '受益匪浅', '值得一读', '值得购买', '爱不释手', '精彩', '感人', '加热快', '去屑', '柔顺', '很甜', '挺甜', '香甜', '水分足',
  '包装严实', '发货快', '送货快', '物流快', '上档次', '显瘦', '很值', '运行流畅', '音质好', '画质好', '续航好',
];

const NEGATIVE = [
  '差', '失望', '垃圾', '糟糕', '难吃', '难喝', '难用', '难看', '恶心', '后悔', '坑', '骗', '假货', '山寨', '退货', '退款', '投诉',
  '破损', '损坏', '坏了', '漏', '脏', '臭', '异味', '太慢', '很慢', '慢死', '太贵', '不值', '一般般', '凑合', '毛病', '故障', '死机',
  '卡顿', '发热', '发烫', '掉色', '起球', '色差', '粗糙', '劣质', '次品', '敷衍', '冷漠', '恶劣', '无语', '郁闷', '生气', '气死', '上当',
  '再也不', '不会再', '别买', '千万别', '浪费', '一星', '少送', '漏送', '送错', '迟到', '超时', '噪音', '太吵', '陈旧', '简陋', '难闻',
  '扯淡', '忽悠', '虚假', '欺骗', '坑人', '黑心', '变质', '发霉', '过期', '缩水', '偷工减料', '不耐用', '闪退', '失灵', '不靠谱',
  '不如', '有待提高', '有待改进', '不怎么样', '太差', '很差', '较差', '差劲', '太硬', '太咸', '太淡', '太油', '太辣', '太少', '漫长',
  // Shops: books, phones and computers, appliances, fruit and food, clothes, cosmetics.
  '盗版', '字迹模糊', '缺页', '漏水', '乱收费', '过敏', '头皮痒', '掉发', '烂了', '坏果', '线头', '开线', '褪色', '蓝屏', '散热差',
  '做工差', '质量差', '换货', '不发货', '发错', '少发', '漏发', '刺鼻', '甲醛', '翻新', '二手', '划痕', '瑕疵', '污渍', '开不了机',
  '无法开机', '充不进电', '耗电快', '续航差', '不亮', '黑屏', '花屏', '死机了',
];

/** Words and phrases that turn the next sentiment word around. */
const NEGATORS = ['不是很', '不是太', '不是特别', '不是多', '不怎么', '不太', '不很', '不咋', '不算', '不大', '不够', '不是', '没有', '没那么', '并不', '毫不', '不', '没', '别', '无', '非'];
/**
 * "问题" is a problem or just a question: alone it counts half a fault, negated ("没问题") full
 * praise. (Every other word of the lists is turned around by a negator: "不满意", "没毛病".)
 */
const HALF_FAULT = '问题';

const entries: { word: string; polarity: number }[] = [
  ...POSITIVE.map((word) => ({ word, polarity: 1 })),
  ...NEGATIVE.map((word) => ({ word, polarity: -1 })),
  { word: HALF_FAULT, polarity: 0 },
].sort((a, b) => b.word.length - a.word.length);
const POLARITY = new Map(entries.map((e) => [e.word, e.polarity]));
const PATTERN = new RegExp(entries.map((e) => e.word).join('|'), 'g');

/**
 * The lexicon's polarity of `text`: praise words minus fault words, each turned around by a
 * negator just before it, squashed into -1..1. 0 when no word matched.
 */
export function zhLexiconScore(text: string): number {
  let sum = 0;
  for (const m of text.matchAll(PATTERN)) {
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    const negated = NEGATORS.some((n) => before.endsWith(n));
    if (m[0] === HALF_FAULT) sum += negated ? 1 : -0.5;
    else sum += negated ? -POLARITY.get(m[0])! : POLARITY.get(m[0])!;
  }
  return Math.tanh(sum / 2);
}
