/**
 * What the simulated collaborators talk about: clusters that recur across units (so issue
 * groups form), a few scenarios that should raise alerts (petition over land-clearance
 * compensation, a strike, a flood cutting off a commune), and everyday background opinion.
 * Mostly Vietnamese, some typed without diacritics, some English.
 */
import type { Mood, Source, Spread, TopicSlug } from '../domain/vocabulary.js';

/** One thing people talk about, with how collaborators describe it. */
export interface Scenario {
  key: string;
  topic: TopicSlug | 'auto';
  texts: string[];
  moods: Mood[];
  spreads: Spread[];
  sources: Source[];
  proposals?: string[];
  /** Relative frequency. */
  weight: number;
  /** Expected to raise an alert once analysed. */
  alert?: boolean;
}

/** Place names the texts mention. */
export const PLACES = ['xã Tân Lập', 'phường Hòa Bình', 'xã Đông Sơn', 'thị trấn Phú Mỹ', 'xã Yên Thành', 'phường Quang Trung'];

/** The scenario bank, weighted. */
export const SCENARIOS: Scenario[] = [
  {
    key: 'land-petition',
    topic: 'governance',
    alert: true,
    weight: 2,
    texts: [
      'Hơn 200 hộ dân ở {place} đang ký đơn tập thể phản đối mức bồi thường giải phóng mặt bằng, nhiều người nói sẽ kéo lên tỉnh khiếu kiện đông người.',
      'Bà con {place} bức xúc vì giá đền bù thu hồi đất quá thấp, đơn kiến nghị tập thể đã có hàng trăm chữ ký và đang lan truyền.',
      'Nguoi dan {place} tu tap dong nguoi phan doi boi thuong giai phong mat bang, ky don tap the gui len tinh.',
    ],
    moods: ['angry'],
    spreads: ['local', 'online'],
    sources: ['conversation', 'meeting'],
    proposals: ['Đề nghị tổ chức đối thoại với người dân và rà soát lại đơn giá bồi thường.'],
  },
  {
    key: 'factory-strike',
    topic: 'workplace',
    alert: true,
    weight: 2,
    texts: [
      'Khoảng 1.500 công nhân công ty may ở khu công nghiệp {place} ngừng việc tập thể, đình công đòi tăng lương và trả nợ bảo hiểm xã hội.',
      'Công nhân nhà máy giày ở {place} đình công từ sáng nay, tụ tập trước cổng công ty, tình hình căng thẳng.',
      'Workers at the garment factory near {place} went on strike this morning over unpaid wages; hundreds gathered at the gate.',
    ],
    moods: ['angry', 'worried'],
    spreads: ['local'],
    sources: ['conversation', 'social_media'],
  },
  {
    key: 'flood-cut-off',
    topic: 'environment_disasters',
    alert: true,
    weight: 2,
    texts: [
      'Mưa lớn kéo dài, nước lũ dâng cao chia cắt hoàn toàn {place}, nhiều hộ dân bị cô lập, thiếu lương thực và nước sạch.',
      'Lũ quét và sạt lở đất ở {place}, đường vào xã bị chia cắt, người dân lo lắng cho tính mạng người già và trẻ em.',
      'Flooding has cut off {place}; several households are isolated and short of food and clean water.',
    ],
    moods: ['worried'],
    spreads: ['local', 'online'],
    sources: ['conversation', 'press', 'social_media'],
    proposals: ['Đề nghị khẩn trương hỗ trợ lương thực và di dời người dân khỏi vùng sạt lở.'],
  },
  {
    key: 'petrol-price',
    topic: 'economy',
    weight: 8,
    texts: [
      'Giá xăng tăng lần thứ ba trong tháng, nhiều người than chi phí đi lại và giá cả hàng hóa cũng tăng theo.',
      'Bà con lo lắng vì giá xăng dầu tăng mạnh, các xe chở hàng đã tăng cước, chợ {place} hàng hóa lên giá.',
      'Gia xang tang lien tuc, nguoi lao dong thu nhap thap rat kho khan, ai cung ban tan chuyen nay.',
      'People keep talking about the petrol price rise; taxi and delivery drivers say their income has dropped.',
    ],
    moods: ['worried', 'skeptical', 'angry'],
    spreads: ['unit', 'local', 'online'],
    sources: ['conversation', 'press', 'social_media'],
    proposals: ['Đề nghị có biện pháp bình ổn giá và giải thích rõ cho người dân.'],
  },
  {
    key: 'hospital-salary',
    topic: 'health',
    weight: 6,
    texts: [
      'Nhân viên y tế Bệnh viện huyện bị nợ lương hai tháng, nhiều điều dưỡng tính chuyện nghỉ việc.',
      'Bác sĩ và điều dưỡng ở bệnh viện huyện bức xúc vì chậm lương, phụ cấp chống dịch vẫn chưa được trả.',
      'Benh vien huyen no luong nhan vien y te, anh em rat nan long, co nguoi da xin nghi.',
    ],
    moods: ['angry', 'worried'],
    spreads: ['unit', 'local'],
    sources: ['conversation', 'meeting'],
    proposals: ['Đề nghị cấp trên sớm bố trí kinh phí trả lương cho nhân viên y tế.'],
  },
  {
    key: 'electricity-price',
    topic: 'economy',
    weight: 4,
    texts: [
      'Hóa đơn tiền điện tháng này tăng gấp rưỡi, nhiều gia đình ở {place} thắc mắc về cách tính bậc thang.',
      'Người dân băn khoăn về việc điều chỉnh giá điện, cho rằng cần công khai minh bạch chi phí của ngành điện.',
    ],
    moods: ['skeptical', 'worried'],
    spreads: ['local', 'online'],
    sources: ['conversation', 'social_media'],
  },
  {
    key: 'merger',
    topic: 'governance',
    weight: 4,
    texts: [
      'Cán bộ, công chức quan tâm nhiều đến việc sắp xếp, sáp nhập đơn vị hành chính cấp xã, lo lắng về vị trí việc làm sau sáp nhập.',
      'Nhiều ý kiến đồng tình với chủ trương tinh gọn bộ máy nhưng mong có chính sách hỗ trợ thỏa đáng cho người nghỉ việc.',
    ],
    moods: ['worried', 'supportive', 'skeptical'],
    spreads: ['unit'],
    sources: ['meeting', 'conversation'],
  },
  {
    key: 'scam-calls',
    topic: 'security_defense',
    weight: 3,
    texts: [
      'Nhiều người già ở {place} bị gọi điện giả danh công an yêu cầu chuyển tiền, đã có người mất hàng chục triệu đồng.',
      'Tinh trang lua dao qua mang, gia danh ngan hang de lay ma OTP dang rat nhieu, nguoi dan lo lang.',
    ],
    moods: ['worried'],
    spreads: ['local', 'online'],
    sources: ['conversation', 'press'],
    proposals: ['Đề nghị tăng cường tuyên truyền cách nhận biết lừa đảo trên loa phát thanh xã.'],
  },
  {
    key: 'school-fees',
    topic: 'education',
    weight: 3,
    texts: [
      'Phụ huynh trường tiểu học ở {place} phàn nàn về các khoản thu đầu năm ngoài quy định.',
      'Parents say the new textbooks are expensive and change every year; many families find it a burden.',
    ],
    moods: ['skeptical', 'angry'],
    spreads: ['few', 'local'],
    sources: ['conversation', 'meeting'],
  },
  {
    key: 'anti-corruption-trial',
    topic: 'anti_corruption',
    weight: 2,
    texts: [
      'Người dân đồng tình, đánh giá cao việc xét xử nghiêm minh vụ án tham nhũng lớn vừa qua, mong thu hồi được tài sản.',
      'Public opinion strongly supports the recent corruption trial and hopes the stolen assets will be recovered.',
    ],
    moods: ['supportive'],
    spreads: ['online', 'unit'],
    sources: ['press', 'social_media'],
  },
  {
    key: 'east-sea',
    topic: 'east_sea',
    weight: 1,
    texts: ['Ngư dân bức xúc khi tàu cá bị tàu nước ngoài xua đuổi trên ngư trường truyền thống, mong được bảo vệ khi ra khơi.'],
    moods: ['angry'],
    spreads: ['online'],
    sources: ['press', 'social_media'],
  },
  {
    key: 'background',
    topic: 'auto',
    weight: 6,
    texts: [
      'Nhân dân phấn khởi vì tuyến đường liên xã ở {place} đã được nâng cấp, đi lại thuận tiện hơn.',
      'Lễ hội truyền thống ở {place} năm nay tổ chức chu đáo, an toàn, bà con đồng tình.',
      'Cán bộ trong cơ quan quan tâm đến lộ trình cải cách tiền lương và chế độ phụ cấp mới.',
      'Moi nguoi ban tan ve ket qua tran dau cua doi tuyen, khong khi rat vui ve.',
      'Colleagues discuss the new rules on administrative procedures online; most find them convenient.',
    ],
    moods: ['supportive', 'neutral'],
    spreads: ['few', 'unit'],
    sources: ['conversation', 'meeting', 'other'],
  },
];
