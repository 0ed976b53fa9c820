import { foldVietnamese } from '../domain/text.js';

/**
 * The one diacritic fold lives in src/domain/text.ts (`foldVietnamese`); src/nlp imports it
 * from there. This alias keeps the name older callers outside src/nlp use (bench/).
 */
export const foldDiacritics = foldVietnamese;

const VI_MARKED = /[àáảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđ]/i;

/** True when the text carries Vietnamese diacritics, so exact (unfolded) matching is safe. */
export function hasVietnameseMarks(text: string): boolean {
  return VI_MARKED.test(text);
}
