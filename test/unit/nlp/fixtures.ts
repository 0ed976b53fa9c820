import { DEFAULT_TOPICS } from '../../../src/domain/taxonomy.js';
import { DEFAULT_URGENCY_THRESHOLDS } from '../../../src/domain/urgency.js';
import { createDefaultModel, type AnalyzeDeps, type TextModel } from '../../../src/nlp/index.js';

let cached: TextModel | undefined;

/** The shipped model (src/nlp/model/pulse-model.json) bound to the default taxonomy, loaded once per test file. */
export function defaultModel(): TextModel {
  cached ??= createDefaultModel(DEFAULT_TOPICS);
  return cached;
}

/** Analysis dependencies as a worker would build them. */
export function defaultDeps(): AnalyzeDeps {
  return { model: defaultModel(), topics: DEFAULT_TOPICS, thresholds: DEFAULT_URGENCY_THRESHOLDS };
}

/** The hostile texts of the intake issue: each must go through every step without a crash. */
export const HOSTILE_TEXTS: Record<string, string> = {
  html: '<script>alert("x")</script><b>Giá điện</b> tăng <a href="javascript:evil()">link</a> &amp; &lt;',
  markdown: '**bức xúc** _giá_ `code` [link](http://x) # tiêu đề\n> trích\n- mục\n```\nblock\n```',
  long9000: 'Bà con bức xúc vì giá điện tăng. '.repeat(290).slice(0, 9000),
  singleWord5000: 'a'.repeat(5000),
  zeroWidth: 'gi\u200Bá đi\u200Cện t\u200Dăng\u2060 \uFEFFmạnh',
  rtlOverride: '\u202Egiá điện\u202C tăng \u2066mạnh\u2069 \u200F\u200E',
  emojiOnly: '😡😡😡🔥🔥👍🏽',
  whitespaceOnly: ' \t\n\r\n   \u00A0\u3000 ',
  nulBytes: 'giá\u0000 điện\u0000\u0000 tăng\u0007\u001B[31m',
  nfd: 'Bà con bức xúc vì giá điện tăng'.normalize('NFD'),
  loneSurrogates: 'giá \uD800 điện \uDC00 tăng \uD83D',
  empty: '',
  controlC1: 'giá\u0085điện\u009Btăng',
  mixedScripts: 'Người dân 人民 народ 🇻🇳 lo lắng',
  digitRun9000: '1'.repeat(9000),
  spacedDigits9000: '0 '.repeat(4500),
  letterRun9000: 'đ'.repeat(9000),
  atSigns: 'a@'.repeat(4500),
};
