import type { Language } from '../domain/vocabulary.js';
import { foldVietnamese } from '../domain/text.js';
import { hasVietnameseMarks } from './fold.js';

const VI_SYLLABLES = new Set(
  ('khong nguoi dan gia cua duoc nhung cac mot nay la va co cho ve thi rat qua lam da dang se bi ' +
    'voi trong nhieu tien dien xang lo buc xuc ba con xa phuong huyen tinh nha nuoc chinh sach can bo ' +
    'hoc sinh truong benh vien cong an nhan vien moi nam thang ngay toi chung minh ho tai sao vi nen ' +
    'nhu the nao muon phai lai con chua het nua ai ca dau').split(' '),
);
const EN_WORDS = new Set(
  ('the a an and of to in is are was were be been that this it for on with as at by from people ' +
    'they their about not no very have has had will would should can could our we you there what ' +
    'price prices say says said angry worried many some more than but or if so too').split(' '),
);

/**
 * Picks the report's language ('vi' | 'en') for the mood lexicon and the UI. Vietnamese
 * diacritics decide at once; otherwise common unmarked Vietnamese syllables are weighed
 * against English stopwords. Empty or undecidable text defaults to Vietnamese, the first
 * language of the network.
 */
export function detectLanguage(text: string): Language {
  const marks = (text.match(/[àáảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđ]/gi) ?? [])
    .length;
  const words = foldVietnamese(text).match(/[a-z]+/g) ?? [];
  if (hasVietnameseMarks(text) && marks * 8 >= Math.min(words.length, 40)) return 'vi';
  let vi = 0;
  let en = 0;
  for (const w of words.slice(0, 300)) {
    if (EN_WORDS.has(w)) en += 1;
    if (VI_SYLLABLES.has(w)) vi += 1;
  }
  if (en > vi) return 'en';
  return 'vi';
}
