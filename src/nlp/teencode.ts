import { foldVietnamese } from '../domain/text.js';
import { hasVietnameseMarks } from './fold.js';

/**
 * Chat abbreviations, teencode and common office shorthand of Vietnamese reports, keyed by
 * their folded form (`đc` and `dc` are one key), with what they stand for. Written for
 * Pulse. Only unambiguous entries are listed: `hn` (hôm nay / Hà Nội), `bn` (bạn / bao
 * nhiêu), `cn` (công nhân / chủ nhật), `đv` (đảng viên / đơn vị), `dk` (được / đăng ký),
 * `dt` (điện thoại / diện tích), `vay` (vậy / vay) are left as typed; `nc` is read as
 * `nước` (far more often than `nói chuyện` in reports: "nc lên").
 */
export const TEENCODE: Readonly<Record<string, string>> = {
  // negation: the most important one for mood ("ko lo" is calm)
  ko: 'không', k: 'không', kh: 'không', khg: 'không', hok: 'không', hem: 'không',
  khum: 'không', hk: 'không', kp: 'không phải', nc: 'nước', kphai: 'không phải', chx: 'chưa',
  // function words
  dc: 'được', ng: 'người', ngta: 'người ta', mn: 'mọi người', mng: 'mọi người', ae: 'anh em',
  j: 'gì', ji: 'gì', z: 'vậy', v: 'vậy', zay: 'vậy', vs: 'với', bh: 'bây giờ', bjo: 'bây giờ',
  ntn: 'như thế nào', ak: 'à', oy: 'rồi', rui: 'rồi', r: 'rồi', cx: 'cũng', cg: 'cũng', ms: 'mới',
  nhiu: 'nhiều', wa: 'quá', qa: 'quá', thik: 'thích', thix: 'thích', bik: 'biết', bit: 'biết', mik: 'mình',
  mk: 'mình', mjk: 'mình', iu: 'yêu', thui: 'thôi', ik: 'đi', dag: 'đang', mun: 'muốn', trc: 'trước',
  ns: 'nói', lm: 'làm', hnay: 'hôm nay', hqua: 'hôm qua', hum: 'hôm', lun: 'luôn', nek: 'này',
  zoi: 'trời', ui: 'ôi', bun: 'buồn', dou: 'đâu', wen: 'quen', zo: 'vô', dzo: 'vô',
  ck: 'chồng', vk: 'vợ', tks: 'cảm ơn', thanks: 'cảm ơn',
  // seen in the writers' teencode lines (corpus/train), next to never in their other styles
  e: 'em', h: 'giờ', mih: 'mình', nhg: 'nhưng', cmt: 'bình luận', ph: 'phụ huynh', bs: 'bác sĩ',
  nv: 'nhân viên', xg: 'xăng', cf: 'cà phê',
  // office and public-life shorthand
  ubnd: 'ủy ban nhân dân', hdnd: 'hội đồng nhân dân', tp: 'thành phố', tphcm: 'thành phố hồ chí minh',
  csgt: 'cảnh sát giao thông', bv: 'bệnh viện', bhyt: 'bảo hiểm y tế', bhxh: 'bảo hiểm xã hội',
  hs: 'học sinh', sv: 'sinh viên', gv: 'giáo viên', cb: 'cán bộ', cbcc: 'cán bộ công chức',
  cbcnv: 'cán bộ công nhân viên', cnvc: 'công nhân viên chức', cq: 'cơ quan', dn: 'doanh nghiệp',
  cty: 'công ty', kcn: 'khu công nghiệp', xh: 'xã hội', mxh: 'mạng xã hội', tq: 'trung quốc', vn: 'việt nam',
  fb: 'facebook', thpt: 'trung học phổ thông', thcs: 'trung học cơ sở', dh: 'đại học', sdt: 'số điện thoại',
  ql: 'quốc lộ', qh: 'quốc hội', cp: 'chính phủ', ctv: 'cộng tác viên', cd: 'cộng đồng',
  cdm: 'cộng đồng mạng', ttxvn: 'thông tấn xã việt nam', pccc: 'phòng cháy chữa cháy', atgt: 'an toàn giao thông',
  atvstp: 'an toàn vệ sinh thực phẩm', bch: 'ban chấp hành', tw: 'trung ương', ttg: 'thủ tướng',
};

/**
 * Teencode typed with marks (`bít`, `wá`, `đc`): matched as typed, lower-cased, since their
 * folded forms are often real words (`bit`, `wa`) or other abbreviations.
 */
export const TEENCODE_MARKED: Readonly<Record<string, string>> = {
  'bít': 'biết', 'wá': 'quá', 'nhìu': 'nhiều', 'hông': 'không', 'hổng': 'không', 'rùi': 'rồi', 'ròi': 'rồi',
  'mún': 'muốn', 'đc': 'được', 'đag': 'đang', 'bùn': 'buồn', 'zời': 'trời', 'kô': 'không', 'k0': 'không',
  'thíck': 'thích', 'iu': 'yêu', 'đou': 'đâu', 'zậy': 'vậy', 'dzậy': 'vậy', 'zô': 'vô', 'wên': 'quên',
  'sđt': 'số điện thoại', 'hđnd': 'hội đồng nhân dân', 'đh': 'đại học', 'cđ': 'cộng đồng', 'cđm': 'cộng đồng mạng',
};

/** Abbreviations that also mean a unit after a number ("50 k" is 50,000 đồng, "3 v"): kept there. */
const AFTER_NUMBER_KEPT: ReadonlySet<string> = new Set(['k', 'v', 'r']);
const WORD = /[\p{L}\p{N}_]+/gu;

/** What `expandTeencode` did, for tests and logs. */
export interface TeencodeExpansion {
  readonly text: string;
  readonly expanded: number;
}

/**
 * Rewrites chat abbreviations into the words they stand for, before any feature, lexicon or
 * trigger phrase reads the text ("mn ko dc bít j" → "mọi người không được biết gì"). Applied to
 * the analysed copy only, never to the text leaders see. In a text typed without diacritics
 * the expansion is inserted folded too ("ko" → "khong"), so that the text stays in one form.
 * English texts (`lang === 'en'`) are left alone: "vs", "ok", "ms" mean other things there.
 */
export function expandTeencode(text: string, lang: 'vi' | 'en' = 'vi'): TeencodeExpansion {
  if (lang === 'en') return { text, expanded: 0 };
  const marked = hasVietnameseMarks(text);
  let expanded = 0;
  let previousIsNumber = false;
  let lastEnd = 0;
  const out = text.replace(WORD, (word: string, offset: number) => {
    const gap = text.slice(lastEnd, offset);
    lastEnd = offset + word.length;
    const afterNumber = previousIsNumber && /^\s*$/.test(gap);
    previousIsNumber = /^\d/.test(word);
    const markedForm = TEENCODE_MARKED[word.toLowerCase()];
    if (markedForm !== undefined) {
      expanded += 1;
      return marked ? markedForm : foldVietnamese(markedForm);
    }
    const key = foldVietnamese(word);
    const full = TEENCODE[key];
    if (full === undefined || full === key || (afterNumber && AFTER_NUMBER_KEPT.has(key))) return word;
    // "roi", "vay", "troi", "bit" typed without marks are words already when the text has none.
    if (!marked && foldVietnamese(full) === key) return word;
    // An accented word that is a real word ("bít", "rồi") is left alone in a marked text.
    if (marked && word.toLowerCase() !== key) return word;
    expanded += 1;
    return marked ? full : foldVietnamese(full);
  });
  return { text: out, expanded };
}
