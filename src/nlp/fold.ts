/**
 * Lower-cases, strips combining marks and maps `đ` → `d`, so that a report typed without
 * diacritics (`buc xuc vi gia dien`) matches keywords written with them (`bức xúc vì giá điện`).
 * Used for matching only: never show folded text to a person.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}

const VI_MARKED = /[àáảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđ]/i;

/** True when the text carries Vietnamese diacritics, so exact (unfolded) matching is safe. */
export function hasVietnameseMarks(text: string): boolean {
  return VI_MARKED.test(text);
}
