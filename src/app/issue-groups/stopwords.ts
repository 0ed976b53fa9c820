/**
 * Folded Vietnamese and English function words. They are dropped from grouping shingles and
 * from group titles' top terms: two reports do not talk about the same thing because both say
 * "người dân" ("people") or "the".
 */
const STOPWORDS = new Set(
  (
    // Vietnamese (folded)
    'va la cua co cac nhung mot cho voi trong khi thi ma de duoc bi da dang se rat qua lam nhieu it ' +
    'nay do kia day ay nao gi ai sao vi nen neu tu den ra vao len xuong lai con cung chi moi nua ' +
    'van hay hoac nhu theo ve tai o tren duoi sau truoc giua ngoai hon nhat cu toi ta minh ho chung ' +
    'ban anh chi em ong ba no hoi noi rang cho biet the nhieu khong chua chang phai can nguoi dan ' +
    'ba con moi viec vien cai chiec nhau luc nam thang ngay hom nay bay gio hien dang duoc ' +
    // English
    'the a an and or of to in on at by for with from as is are was were be been being it its this ' +
    'that these those they them their there here we our you your he she his her i me my not no ' +
    'very so too but if then than about into over after before many much more most some any all ' +
    'have has had do does did will would should can could may might people say says said'
  ).split(/\s+/),
);

/** True for a folded function word. */
export function isStopword(folded: string): boolean {
  return STOPWORDS.has(folded);
}
