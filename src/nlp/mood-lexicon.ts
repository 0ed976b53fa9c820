import type { Mood } from '../domain/vocabulary.js';

/**
 * The project's own mood lexicon (written for Pulse, not copied from any dataset): phrases
 * with the mood they signal and a weight. Vietnamese is written with diacritics; texts
 * typed without them are matched folded, except one-syllable words whose folded form
 * collides with other words (`lo`/`lò`, `sợ`/`số`) — those need the multi-word forms below.
 */
export const MOOD_LEXICON: Readonly<Record<Mood, Readonly<Record<string, number>>>> = {
  angry: {
    'bức xúc': 2.5, 'búc xúc': 2, 'phẫn nộ': 3, 'bất bình': 2.5, 'tức giận': 3, 'giận dữ': 3, 'tức tối': 2.5,
    'bực': 1.5, 'bực mình': 2, 'bực bội': 2, 'kêu trời': 2, 'phản đối': 1.5, 'lên án': 2.5, 'không chấp nhận': 2,
    'không thể chấp nhận': 2.5, 'quá đáng': 1.5, 'vô lý': 1.5, 'ức chế': 2, 'chửi': 1.5, 'tẩy chay': 1.5,
    'phàn nàn': 1.2, 'kêu ca': 1.2, 'không hài lòng': 2, 'nóng mặt': 2, 'giận': 1.5, 'tức': 1.2, 'đòi gặp': 1,
    'đòi xử lý': 1, 'bao vây': 1, 'quát mắng': 0.8, 'chán ngán': 1.5, 'angry': 2.5, 'anger': 2, 'furious': 3,
    'outraged': 3, 'outrage': 2.5, 'upset': 1.8, 'annoyed': 1.8, 'fed up': 2.2, 'resent': 2, 'resentment': 2,
    'condemned': 2, 'condemn': 2, 'complain': 1.2, 'complaints': 1, 'protest': 1.2, 'demanding': 1,
    'unacceptable': 2, 'frustrated': 2, 'indignant': 2.5, 'ký đơn': 1, 'tố cáo': 1, 'đơn tập thể': 1.2,
    'nợ lương': 1.2, 'petition': 1, 'complaint': 1, 'not been paid': 1.2, 'no pay': 1.2,
    // insults and abuse: readers' anger often comes as name-calling rather than mood words
    'ngu': 1.5, 'ngu dốt': 2, 'ngu si': 2, 'đồ ngu': 2.5, 'óc chó': 2.5, 'đồ chó': 2.5, 'lũ chó': 2.5, 'mất dạy': 2.5,
    'khốn nạn': 2.5, 'láo': 1.5, 'láo toét': 2, 'bố láo': 2, 'vô học': 2, 'vô văn hóa': 2, 'đểu': 1.5, 'cút': 1.5,
    'thối nát': 2, 'dốt': 1.2, 'hèn': 1.2, 'đáng đời': 1.5, 'đáng chết': 2.5, 'tởm': 1.5, 'ghê tởm': 2,
    'kinh tởm': 2, 'súc vật': 2.5, 'cầm thú': 2.5, 'thất đức': 2, 'bất nhân': 2, 'bỉ ổi': 2.5, 'trơ trẽn': 2,
    'mặt dày': 2, 'vô liêm sỉ': 2.5, 'nhục': 1.2, 'nhục nhã': 1.8, 'bắn bỏ': 2, 'xử bắn': 1.5, 'bọn': 0.6,
    'thằng': 0.6, 'vcl': 2, 'vl': 1.5, 'đm': 2, 'đkm': 2, 'clgt': 2, 'cmn': 2, 'vãi': 1, 'idiot': 2, 'idiots': 2,
    'stupid': 2, 'disgusting': 2, 'shameless': 2, 'shame on': 2,
  },
  worried: {
    'lo lắng': 2.5, 'lo': 1.5, 'lo ngại': 2.5, 'lo sợ': 2.5, 'lo âu': 2.5, 'hoang mang': 2.5, 'hoảng sợ': 2.5,
    'hoảng loạn': 2.5, 'sợ': 1.5, 'sợ bị': 1.8, 'e ngại': 1.5, 'trăn trở': 1.8, 'bất an': 2.5, 'căng thẳng': 1,
    'nguy cơ': 0.8, 'mất liên lạc': 1.5, 'không dám': 1.2, 'nơm nớp': 2, 'thấp thỏm': 2, 'chật vật': 1.2,
    'áp lực': 1, 'sốt ruột': 1.5, 'nóng ruột': 1.5, 'ngại': 1, 'bấp bênh': 1.5, 'mất trắng': 1.2, 'lo không': 1.8,
    'lo vì': 1.8, 'lo con': 1.8, 'worry': 2.5, 'worried': 2.5, 'worries': 2.5, 'fear': 2.2, 'fears': 2.2,
    'afraid': 2, 'scared': 2, 'panic': 2.2, 'anxious': 2.2, 'concerned': 1.8, 'concern': 1.5, 'nervous': 2.2,
    'uneasy': 2, 'struggling': 1.2, 'trapped': 1.2, 'missing': 1.2, 'cấp cứu': 1, 'mắc kẹt': 1.2,
    'cuốn trôi': 1.2, 'di dời gấp': 1.2, 'ngộ độc': 1, 'tử vong': 1, 'bị lừa': 1.2, 'scammed': 1.2, 'poisoning': 1,
    'rising fast': 1.2, 'evacuated': 1, 'co giật': 1, 'đóng cửa': 0.5,
  },
  skeptical: {
    'băn khoăn': 2.5, 'hoài nghi': 3, 'nghi ngờ': 3, 'nghi': 1.5, 'ngờ vực': 2.5, 'ngờ': 1.2, 'không tin': 2.5,
    'chưa tin': 2, 'thắc mắc': 1.5, 'liệu': 0.8, 'có thực sự': 1.8, 'thực chất': 1, 'hình thức': 1.5,
    'chỉ là hình thức': 2.5, 'trên giấy': 1.5, 'cho có': 1.5, 'làm cho có': 2, 'chưa rõ': 1, 'không rõ': 1,
    'không chắc': 1.8, 'chưa chắc': 1.8, 'có thật': 1, 'vì sao': 1, 'tại sao': 1, 'sao lại': 1, 'cho rằng': 1.1,
    'có ý kiến': 0.6, 'chưa thấy': 1, 'ảo': 0.8, 'mất lòng tin': 2, 'không biết có': 1.2, 'dàn dựng': 1,
    'lừa': 0.5, 'nói một kiểu': 1, 'cào bằng': 1, 'nể nang': 0.8, 'doubt': 2.8, 'doubts': 2.8, 'doubtful': 2.5,
    'suspect': 2.5, 'suspects': 2.5, 'skeptical': 2.8, 'sceptical': 2.8, 'question whether': 2.5,
    'question why': 2, 'wonder if': 2, 'wonder whether': 2, 'not sure': 2, 'formality': 1.5, 'for show': 1.8,
    'ask why': 1.5, 'some say': 1.1, 'many say': 1.1, 'unconvinced': 2.5, 'really': 0.4, 'staged': 1, 'ask what': 1,
  },
  supportive: {
    'đồng tình': 3, 'ủng hộ': 2.5, 'hoan nghênh': 3, 'phấn khởi': 3, 'vui mừng': 2.5, 'vui': 1.8, 'mừng': 1.8,
    'tự hào': 2.5, 'khen': 2.5, 'khen ngợi': 2.5, 'đánh giá cao': 3, 'tin tưởng': 2, 'yên tâm': 2.2, 'hài lòng': 2.2,
    'cảm ơn': 2, 'biết ơn': 2, 'đồng lòng': 2, 'hưởng ứng': 1.5, 'hào hứng': 1.8, 'háo hức': 1.8,
    'phấn chấn': 2.5, 'tích cực': 1, 'thuận tiện': 1, 'tiện': 0.8, 'ổn định': 0.8, 'đỡ': 0.6, 'an tâm': 2,
    'vui như tết': 2.5, 'nhất trí': 2, 'đúng đắn': 1.5, 'thiết thực': 1.2, 'tận tình': 1.2, 'hăng hái': 1.5,
    'tiếc thương': 0.3, 'support': 2.2, 'supports': 2.2, 'welcome': 2.2, 'welcomed': 2.2, 'welcomes': 2.2,
    'praise': 2.5, 'praised': 2.5, 'proud': 2.5, 'happy': 2.2, 'pleased': 2.2, 'glad': 2.2, 'appreciate': 2.2,
    'thanked': 2, 'thrilled': 2.5, 'celebrated': 1.8, 'enjoyed': 1.8, 'loved': 1.8, 'approved of': 2,
    'feel safe': 2, 'feel safer': 2, 'great': 1.2, 'good': 0.6, 'kinder': 1, 'better': 0.6, 'easier': 0.8,
  },
  neutral: {
    'hỏi': 1.2, 'hỏi về': 1.8, 'hỏi nhau': 1.8, 'hỏi cách': 1.8, 'hỏi thủ tục': 1.8, 'bàn': 0.8, 'bàn về': 1.5,
    'bàn tán': 1.5, 'bàn luận': 1.5, 'bàn chuyện': 1.5, 'trao đổi': 1.2, 'theo dõi': 1.2, 'quan tâm': 0.8,
    'tìm hiểu': 1, 'kể chuyện': 1.2, 'phổ biến': 1, 'họp': 0.6, 'báo đưa tin': 1.2, 'chia sẻ kinh nghiệm': 1.2,
    'tổ chức': 0.5, 'chuẩn bị': 0.5, 'trò chuyện': 1.2, 'nói chuyện': 1, 'asked': 1.8, 'ask': 1.2,
    'discussed': 1.8, 'talked about': 1.8, 'talking about': 1.8, 'followed': 1.2, 'chatted': 1.8, 'debated': 1.5,
    'watched': 1, 'held a meeting': 1.2, 'collected comments': 1.2,
  },
};

/** One-syllable words whose folded form is safe to match in text typed without diacritics. */
export const MOOD_FOLD_SAFE: ReadonlySet<string> = new Set(['khen', 'vui', 'bực', 'giận', 'hỏi', 'láo', 'đểu', 'tởm']);

/** Words that flip the polarity of the mood phrase right after them (within three words). */
export const NEGATORS: readonly string[] = [
  'không', 'chẳng', 'chưa', 'chả', 'đâu có', 'không hề', 'chẳng hề', 'không còn', 'chẳng còn', 'không ai',
  'chẳng ai', 'không có gì phải', 'không có gì', 'not', 'no', 'never', 'nobody', 'nothing', 'none',
  'without',
];

/** Words that strengthen the mood phrase near them. */
export const INTENSIFIERS: readonly string[] = [
  'rất', 'quá', 'lắm', 'cực kỳ', 'vô cùng', 'hết sức', 'thực sự', 'cực', 'rất là', 'very', 'extremely', 'so',
  'deeply', 'highly', 'really', 'too', 'truly',
];
