/**
 * Diacritic helpers of the analysis. The one diacritic fold itself lives in src/domain/text.ts
 * (`foldVietnamese`, also re-exported by src/nlp/index.ts).
 */
const VI_MARKED = /[àáảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđ]/i;

/** True when the text carries Vietnamese diacritics, so exact (unfolded) matching is safe. */
export function hasVietnameseMarks(text: string): boolean {
  return VI_MARKED.test(text);
}
