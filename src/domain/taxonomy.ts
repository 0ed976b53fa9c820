import type { TopicSlug } from './vocabulary.js';

/**
 * One topic of the taxonomy as pure data. The database seeder imports `DEFAULT_TOPICS`;
 * admins may later edit names, keywords and the sensitive flag, so nothing else should
 * treat this list as the live taxonomy.
 */
export interface TopicDefinition {
  readonly slug: TopicSlug;
  readonly nameVi: string;
  readonly nameEn: string;
  /** Sensitive topics weigh more in urgency and raise alerts at the `high` level. */
  readonly sensitive: boolean;
  /**
   * Vietnamese phrases with diacritics and English phrases. The matcher folds diacritics
   * (and `đ` → `d`) on both sides, so a report typed without diacritics still matches.
   */
  readonly keywords: readonly string[];
}

const t = (
  slug: TopicSlug,
  nameVi: string,
  nameEn: string,
  sensitive: boolean,
  keywords: string[],
): TopicDefinition => ({ slug, nameVi, nameEn, sensitive, keywords });

/** The default taxonomy of PRODUCT.md "Topics", in display order. */
export const DEFAULT_TOPICS: readonly TopicDefinition[] = [
  t('governance', 'Chỉ đạo, điều hành của Đảng, Nhà nước', 'Party and State leadership and governance', true, [
    'chính sách', 'nghị quyết', 'nghị định', 'thông tư', 'luật', 'dự thảo luật', 'quốc hội', 'chính phủ',
    'thủ tướng', 'bộ trưởng', 'ủy ban nhân dân', 'ubnd', 'hội đồng nhân dân', 'hđnd', 'cải cách hành chính',
    'thủ tục hành chính', 'sáp nhập', 'sáp nhập tỉnh', 'sáp nhập xã', 'tinh gọn bộ máy', 'bộ máy',
    'chính quyền hai cấp', 'chính quyền địa phương', 'bổ nhiệm', 'miễn nhiệm', 'điều động', 'luân chuyển',
    'cấp tỉnh', 'cấp huyện', 'cấp xã', 'đơn vị hành chính', 'văn bản pháp luật', 'quy định mới',
    'một cửa', 'dịch vụ công', 'chuyển đổi số', 'ý kiến cử tri', 'tiếp xúc cử tri', 'đại biểu quốc hội',
    'lấy ý kiến nhân dân', 'hiến pháp', 'sửa đổi hiến pháp', 'giải phóng mặt bằng', 'thu hồi đất', 'quy hoạch',
    'policy', 'resolution', 'decree', 'national assembly', 'government', 'prime minister', 'ministry',
    'administrative reform', 'merger of provinces', 'merging', 'red tape', 'public services', 'paperwork',
    'land clearance', 'land acquisition', 'new regulation', 'draft law', 'constitution', 'local authorities',
      'hội đồng nhân dân tỉnh', 'ubnd tỉnh', 'ubnd thành phố', 'chủ tịch ubnd', 'thủ tục', 'hồ sơ', 'giấy tờ', 'cấp phép', 'sổ đỏ', 'bồi thường', 'đền bù', 'tái định cư', 'cử tri', 'chủ trương', 'văn bản', 'pháp lệnh', 'hộ khẩu', 'căn cước',
  ]),
  t('party_building', 'Xây dựng Đảng', 'Party building', false, [
    'đảng viên', 'chi bộ', 'đảng bộ', 'đảng ủy', 'cấp ủy', 'bí thư', 'kết nạp đảng', 'sinh hoạt chi bộ',
    'đại hội đảng', 'đại hội đảng bộ', 'đại hội', 'nhiệm kỳ', 'kiểm điểm', 'tự phê bình', 'phê bình',
    'kỷ luật đảng', 'khai trừ', 'cảnh cáo', 'khiển trách', 'ủy ban kiểm tra', 'công tác cán bộ',
    'nhân sự đại hội', 'quy hoạch cán bộ', 'đánh giá cán bộ', 'suy thoái tư tưởng', 'tự diễn biến',
    'tự chuyển hóa', 'nêu gương', 'học tập nghị quyết', 'quán triệt', 'đảng phí', 'phát triển đảng viên',
    'party member', 'party members', 'party cell', 'party congress', 'party committee', 'party discipline',
    'expelled from the party', 'self-criticism', 'cadre', 'cadres', 'party secretary', 'admission to the party',
      'trung ương đảng', 'ban chấp hành trung ương', 'bộ chính trị', 'ban bí thư', 'đảng ủy phường', 'đảng ủy xã', 'chi ủy', 'cấp ủy viên', 'đảng', 'lấy phiếu tín nhiệm', 'văn kiện đại hội',
  ]),
  t('foreign_affairs', 'Đối ngoại', 'Foreign affairs', false, [
    'đối ngoại', 'ngoại giao', 'chuyến thăm', 'thăm chính thức', 'thăm cấp nhà nước', 'hiệp định',
    'ký kết', 'đối tác chiến lược', 'đối tác chiến lược toàn diện', 'nâng cấp quan hệ', 'quan hệ song phương',
    'đại sứ', 'đại sứ quán', 'bộ ngoại giao', 'hội nghị thượng đỉnh', 'asean', 'apec', 'liên hợp quốc',
    'hội đàm', 'tổng bí thư thăm', 'chủ tịch nước thăm', 'ngoại giao cây tre', 'bảo hộ công dân',
    'người việt ở nước ngoài', 'kiều bào', 'fta', 'evfta', 'cptpp',
    'diplomacy', 'diplomatic', 'state visit', 'official visit', 'bilateral', 'comprehensive strategic partnership',
    'strategic partnership', 'embassy', 'ambassador', 'foreign ministry', 'summit', 'trade agreement',
    'bamboo diplomacy', 'vietnam and', 'citizen protection',
      'quan hệ hai nước', 'quan hệ việt', 'hợp tác song phương', 'thủ tướng phan văn khải', 'chủ tịch nước', 'phái đoàn', 'công du', 'biên bản ghi nhớ', 'lãnh sự', 'thị thực', 'hộ chiếu', 'visa', 'consulate',
  ]),
  t('economy', 'Kinh tế, đời sống', 'Economy and living standards', false, [
    'giá cả', 'giá xăng', 'xăng dầu', 'giá điện', 'tiền điện', 'hóa đơn điện', 'giá nước', 'giá vàng', 'vàng miếng',
    'giá thịt', 'giá rau', 'lạm phát', 'tăng giá', 'việc làm', 'thất nghiệp', 'thu nhập', 'lãi suất',
    'ngân hàng', 'vay vốn', 'tín dụng', 'bất động sản', 'giá nhà', 'giá đất', 'chung cư', 'sốt đất',
    'doanh nghiệp', 'kinh doanh', 'tiểu thương', 'buôn bán', 'hộ kinh doanh', 'thuế', 'thuế khoán',
    'cổ phiếu', 'chứng khoán', 'xuất khẩu', 'nhập khẩu', 'đầu tư', 'nhà đầu tư', 'tăng trưởng',
    'gdp', 'lợi nhuận', 'doanh thu', 'tỷ đồng', 'triệu đồng', 'giá lúa', 'nông sản', 'thương lái',
    'sàn giao dịch', 'tỷ giá', 'usd', 'khách hàng', 'hàng hóa', 'siêu thị', 'sản xuất', 'phá sản',
    'price', 'prices', 'petrol', 'fuel', 'electricity bill', 'gold price', 'inflation', 'jobs', 'unemployment',
    'income', 'interest rate', 'bank', 'loan', 'real estate', 'housing prices', 'land prices', 'business',
    'small traders', 'tax', 'stock market', 'shares', 'exports', 'investors', 'economy', 'cost of living',
      'giá dầu', 'dầu thô', 'tỷ usd', 'triệu usd', 'wto', 'gia nhập wto', 'thương mại', 'khu đô thị', 'dự án bất động sản', 'cổ đông', 'tập đoàn', 'thị phần', 'sản phẩm', 'giá bán', 'tiêu dùng', 'người tiêu dùng', 'thị trường chứng khoán', 'sàn chứng khoán', 'vn-index', 'niêm yết', 'lãi suất tiết kiệm', 'vốn điều lệ', 'ngoại tệ', 'nhà máy', 'khu công nghiệp', 'công nhân', 'tiền lương', 'tiền nước', 'giá nước', 'kinh tế', 'bảo hiểm nhân thọ', 'nhà ở xã hội', 'company', 'market', 'factory', 'workers', 'mortgage', 'harvest', 'crop prices',
  ]),
  t('security_defense', 'An ninh, quốc phòng, trật tự', 'Security, defence and public order', true, [
    'an ninh', 'trật tự', 'quốc phòng', 'quân đội', 'công an', 'cảnh sát', 'tội phạm', 'trộm cắp', 'cướp',
    'cướp giật', 'lừa đảo', 'lừa đảo qua mạng', 'giả danh công an', 'chiếm đoạt', 'ma túy',
    'đánh nhau', 'hỗn chiến', 'băng nhóm', 'xã hội đen', 'tín dụng đen', 'cho vay nặng lãi', 'đòi nợ thuê',
    'bị cáo', 'tòa án', 'xét xử', 'phiên tòa', 'tuyên án', 'án tù', 'năm tù', 'khởi tố', 'bắt giữ', 'tạm giam',
    'điều tra', 'nghi phạm', 'hung thủ', 'nạn nhân', 'giết người', 'án mạng', 'đâm chết', 'truy nã',
    'vi phạm giao thông', 'phạt nguội', 'nồng độ cồn', 'csgt', 'cảnh sát giao thông', 'tai nạn giao thông',
    'đua xe', 'trộm xe', 'súng', 'nghĩa vụ quân sự', 'tuyển quân', 'dân quân', 'an ninh mạng', 'hacker',
    'crime', 'police', 'theft', 'robbery', 'scam', 'scams', 'fraud', 'drugs', 'gang', 'loan sharks', 'arrested',
    'court', 'trial', 'sentenced', 'prison', 'murder', 'traffic police', 'traffic fines', 'drunk driving',
    'military service', 'army', 'defence', 'defense', 'public order', 'cybersecurity', 'impersonating police',
      'đối tượng', 'vụ án', 'hình sự', 'thi hành án', 'viện kiểm sát', 'cơ quan cảnh sát điều tra', 'trốn thuế', 'buôn lậu', 'hàng giả', 'gây án', 'khám xét', 'tang vật', 'hung khí', 'truy tố', 'phạt tù', 'án treo', 'luật sư', 'vi phạm pháp luật', 'pháp luật', 'kẻ trộm', 'trộm cắp tài sản', 'ăn trộm', 'bị trộm', 'đánh bạc', 'cá độ', 'lô đề', 'mại dâm', 'bắt quả tang', 'tử hình', 'chung thân', 'cố ý gây thương tích', 'cướp tài sản', 'lừa đảo chiếm đoạt', 'giả mạo', 'nhập ngũ', 'công an phường', 'công an xã',
  ]),
  t('anti_corruption', 'Phòng, chống tham nhũng, tiêu cực', 'Anti-corruption', true, [
    'tham nhũng', 'tiêu cực', 'hối lộ', 'nhận hối lộ', 'đưa hối lộ', 'nhận quà', 'phong bì', 'lót tay',
    'bôi trơn', 'tham ô', 'biển thủ', 'lợi ích nhóm', 'sân sau', 'lãng phí', 'thất thoát', 'sai phạm',
    'lạm quyền', 'lợi dụng chức vụ', 'chạy chức', 'chạy quyền', 'đại án', 'vụ án tham nhũng', 'thanh tra',
    'kê khai tài sản', 'đốt lò', 'cựu bộ trưởng', 'cựu chủ tịch', 'vạn thịnh phát', 'việt á', 'chuyến bay giải cứu',
    'nâng khống', 'thông thầu', 'quân xanh', 'đấu thầu', 'công trình bỏ hoang', 'dự án treo',
    'corruption', 'corrupt', 'bribe', 'bribes', 'bribery', 'kickback', 'kickbacks', 'embezzlement',
    'embezzled', 'abuse of power', 'waste of public money', 'rigged bidding', 'graft', 'asset declaration',
    'abandoned project', 'inflated prices',
      'rút ruột', 'ăn chặn', 'cắt xén', 'tố cáo cán bộ', 'nhận tiền', 'chạy việc', 'trục lợi', 'gói thầu', 'trúng thầu', 'tài sản bất minh', 'thu hồi tài sản',
  ]),
  t('east_sea', 'Biển Đông, chủ quyền', 'East Sea and sovereignty', true, [
    'biển đông', 'chủ quyền', 'chủ quyền biển đảo', 'biển đảo', 'hoàng sa', 'trường sa', 'quần đảo',
    'đường lưỡi bò', 'đường chín đoạn', 'tàu trung quốc', 'tàu cá', 'ngư dân', 'bãi tư chính',
    'vùng đặc quyền kinh tế', 'cảnh sát biển', 'hải quân', 'kiểm ngư', 'giàn khoan', 'đảo nhân tạo',
    'bồi đắp', 'bám biển', 'ra khơi', 'xua đuổi', 'đâm chìm', 'tàu hải cảnh', 'unclos',
    'east sea', 'south china sea', 'paracel', 'paracels', 'spratly', 'spratlys', 'sovereignty', 'nine-dash line',
    'fishermen', 'fishing boat', 'coast guard', 'exclusive economic zone', 'artificial islands', 'navy',
      'đảo', 'đánh bắt xa bờ', 'ngư trường', 'bộ đội hải quân', 'islands', 'fishing boat',
  ]),
  t('world_affairs', 'Tình hình thế giới', 'World affairs', false, [
    'thế giới', 'quốc tế', 'chiến sự', 'chiến tranh', 'xung đột', 'gaza', 'hamas',
    'iran', 'trung đông', 'tổng thống', 'bầu cử mỹ', 'nhà trắng', 'trump', 'biden', 'putin', 'châu âu',
    'liên minh châu âu', 'nato', 'triều tiên', 'hàn quốc', 'nhật bản', 'ấn độ', 'anh quốc',
    'lệnh trừng phạt', 'thuế quan', 'đảo chính', 'khủng bố', 'tên lửa', 'hạt nhân', 'người tị nạn', 'liên hợp quốc',
    'washington', 'moscow', 'bắc kinh', 'thủ tướng anh', 'ngoại trưởng', 'phe đối lập', 'biểu tình ở',
    'war', 'conflict', 'russia', 'ukraine', 'israel', 'gaza', 'middle east', 'united states', 'us election',
    'president', 'white house', 'europe', 'european union', 'nato', 'sanctions', 'tariffs', 'coup', 'terrorism',
    'missile', 'nuclear', 'refugees', 'global',
      'nước nga', 'người nga', 'quân nga', 'điện kremlin', 'moskva', 'nước mỹ', 'người mỹ', 'hoa kỳ', 'quân đội mỹ', 'chính quyền mỹ', 'nước pháp', 'paris', 'nước đức', 'berlin', 'trung quốc', 'nhật bản', 'hàn quốc', 'đài loan', 'hong kong', 'iraq', 'afghanistan', 'pakistan', 'palestine', 'libăng', 'liban', 'syria', 'thái lan', 'indonesia', 'philippines', 'malaysia', 'singapore', 'australia', 'châu phi', 'châu á', 'mỹ latinh', 'venezuela', 'brazil', 'ai cập', 'thổ nhĩ kỳ', 'ả rập', 'bush', 'blair', 'saddam', 'london', 'tokyo', 'bắc kinh', 'baghdad', 'tehran', 'hội đồng bảo an', 'eu', 'đánh bom', 'bom', 'phiến quân', 'tay súng', 'thủ tướng anh', 'nước anh', 'myanmar', 'ukraina', 'israel', 'ukraine', 'người tị nạn', 'nhập cư', 'ceasefire',
  ]),
  t('health', 'Y tế', 'Health', false, [
    'y tế', 'bệnh viện', 'bệnh nhân', 'bác sĩ', 'điều dưỡng', 'khám bệnh', 'chữa bệnh', 'trạm y tế', 'thuốc',
    'thiếu thuốc', 'vật tư y tế', 'bảo hiểm y tế', 'bhyt', 'viện phí', 'dịch bệnh', 'sốt xuất huyết',
    'tay chân miệng', 'covid', 'vắc xin', 'tiêm chủng', 'cúm', 'ngộ độc', 'ngộ độc thực phẩm',
    'an toàn thực phẩm', 'vệ sinh thực phẩm', 'sức khỏe', 'ung thư', 'tim mạch', 'tiểu đường', 'phẫu thuật',
    'cấp cứu', 'quá tải bệnh viện', 'thực phẩm bẩn', 'virus', 'vi khuẩn', 'điều trị', 'triệu chứng',
    'dinh dưỡng', 'mang thai', 'trẻ sơ sinh', 'thực phẩm chức năng', 'dược', 'nhà thuốc',
    'hospital', 'hospitals', 'patients', 'doctor', 'doctors', 'nurses', 'medicine', 'medicines', 'drug shortage',
    'health insurance', 'hospital fees', 'epidemic', 'outbreak', 'dengue', 'vaccine', 'vaccination', 'flu',
    'food poisoning', 'food safety', 'health', 'clinic', 'emergency room', 'surgery',
      'bệnh', 'căn bệnh', 'mắc bệnh', 'bệnh tật', 'huyết áp', 'cholesterol', 'vitamin', 'cơ thể', 'giấc ngủ', 'béo phì', 'giảm cân', 'ăn uống', 'thực phẩm', 'dịch bệnh', 'ổ dịch', 'dịch cúm', 'dịch sởi', 'sởi', 'viêm phổi', 'lây nhiễm', 'nhiễm bệnh', 'bệnh viện huyện', 'tiêm', 'thẻ bảo hiểm', 'khám', 'disease', 'illness', 'measles', 'pneumonia',
  ]),
  t('education', 'Giáo dục', 'Education', false, [
    'giáo dục', 'trường học', 'nhà trường', 'học sinh', 'sinh viên', 'giáo viên', 'thầy cô', 'phụ huynh',
    'học phí', 'sách giáo khoa', 'chương trình mới', 'thi tốt nghiệp', 'kỳ thi', 'thi vào lớp 10', 'tuyển sinh',
    'đại học', 'điểm chuẩn', 'học thêm', 'dạy thêm', 'lạm thu', 'quỹ phụ huynh', 'bạo lực học đường',
    'lớp học', 'mầm non', 'tiểu học', 'trung học', 'năm học', 'khai giảng', 'đề thi', 'bộ giáo dục',
    'bằng cấp', 'du học', 'thiếu giáo viên', 'trường lớp',
    'school', 'schools', 'pupils', 'students', 'teachers', 'parents', 'tuition', 'textbooks', 'exam', 'exams',
    'university', 'entrance exam', 'extra classes', 'curriculum', 'kindergarten', 'school fees', 'education',
      'giảng viên', 'hiệu trưởng', 'lớp 1', 'lớp 12', 'nhập học', 'bán trú', 'luyện thi', 'trung tâm luyện thi', 'học sinh giỏi', 'dạy học', 'preschool', 'pupil', 'primary school',
  ]),
  t('culture_society', 'Văn hóa, xã hội', 'Culture and society', false, [
    'văn hóa', 'xã hội', 'lễ hội', 'di tích', 'di sản', 'đền chùa', 'mê tín', 'phong tục', 'truyền thống',
    'nghệ thuật', 'ca sĩ', 'nghệ sĩ', 'diễn viên', 'phim', 'điện ảnh', 'âm nhạc', 'ca nhạc', 'sân khấu',
    'triển lãm', 'nhà văn', 'thơ', 'hoa hậu', 'người mẫu', 'showbiz', 'mạng xã hội', 'tiktok',
    'youtuber', 'livestream', 'báo chí', 'truyền hình', 'đạo đức', 'lối sống', 'gia đình', 'hôn nhân',
    'ly hôn', 'vợ chồng', 'con cái', 'người già', 'an sinh', 'an sinh xã hội', 'trợ cấp', 'hộ nghèo',
    'từ thiện', 'người khuyết tật', 'phụ nữ', 'trẻ em', 'thanh niên', 'du lịch', 'ẩm thực', 'thời trang',
    'tình yêu', 'bạn trai', 'bạn gái', 'làm đẹp', 'nghỉ hưu',
    'culture', 'festival', 'festivals', 'heritage', 'temple', 'pagoda', 'superstition', 'traditions',
    'artist', 'actor', 'film', 'movie', 'music', 'concert', 'social media', 'influencer', 'tv show',
    'morality', 'ethics', 'family', 'welfare', 'poor households', 'charity', 'elderly', 'tourism', 'lifestyle',
      'album', 'ca khúc', 'bài hát', 'nhạc sĩ', 'đạo diễn', 'liveshow', 'tiểu thuyết', 'văn học', 'họa sĩ', 'bức tranh', 'bảo tàng', 'khán giả', 'biểu diễn', 'vai diễn', 'nhân vật', 'tác giả', 'nhà thơ', 'giải thưởng', 'lễ trao giải', 'hollywood', 'oscar', 'kịch', 'trang điểm', 'làn da', 'quần áo', 'trang phục', 'phong cách', 'nội thất', 'món ăn', 'nấu ăn', 'hẹn hò', 'đám cưới', 'tình cảm', 'cha mẹ', 'bố mẹ', 'nuôi dạy con', 'cuốn sách', 'đọc sách', 'xuất bản', 'tết nguyên đán', 'ngày tết', 'đám tang', 'người nổi tiếng', 'mạng',
  ]),
  t('environment_disasters', 'Môi trường, thiên tai', 'Environment and natural disasters', false, [
    'môi trường', 'ô nhiễm', 'ô nhiễm không khí', 'bụi mịn', 'khói bụi', 'rác thải', 'bãi rác', 'nước thải',
    'xả thải', 'cá chết', 'sông', 'thiên tai', 'bão', 'áp thấp', 'lũ lụt', 'lũ quét', 'ngập',
    'ngập lụt', 'ngập úng', 'sạt lở', 'sạt lở đất', 'hạn hán', 'xâm nhập mặn', 'nắng nóng', 'biến đổi khí hậu',
    'động đất', 'triều cường', 'phá rừng', 'cháy rừng', 'mưa lớn', 'xả lũ', 'thủy điện', 'di dời dân',
    'cứu hộ', 'mất điện do bão', 'cây xanh', 'mùi hôi', 'khai thác cát',
    'environment', 'pollution', 'air quality', 'smog', 'garbage', 'waste', 'landfill', 'dead fish', 'river',
    'storm', 'typhoon', 'flood', 'floods', 'flooding', 'flash flood', 'landslide', 'drought', 'saltwater intrusion',
    'heatwave', 'climate change', 'earthquake', 'deforestation', 'forest fire', 'heavy rain', 'evacuation',
      'lũ lụt', 'mưa lũ', 'nước lũ', 'mùa lũ', 'kênh rạch', 'chất thải', 'khói', 'khói đen', 'bụi', 'tiếng ồn', 'đê', 'vỡ đê', 'nước sông', 'sơ tán', 'không khí lạnh', 'rét đậm', 'băng giá', 'smoke',
  ]),
  t('workplace', 'Cơ quan, đơn vị', 'Own agency and workplace', false, [
    'cán bộ công chức', 'công chức', 'viên chức', 'cải cách tiền lương', 'lương cơ sở',
    'bảng lương', 'tăng lương', 'phụ cấp', 'phụ cấp công vụ', 'thu nhập tăng thêm', 'chế độ', 'khối lượng công việc',
    'quá tải công việc', 'làm thêm giờ', 'tinh giản biên chế', 'biên chế', 'nghỉ việc', 'xin nghỉ', 'chuyển công tác',
    'sắp xếp lại', 'sắp xếp phòng ban', 'sáp nhập phòng', 'trưởng phòng', 'anh chị em trong cơ quan',
    'anh em trong đơn vị', 'đồng nghiệp', 'chấm công', 'họp giao ban', 'nghỉ hưu sớm', 'thi đua', 'khen thưởng',
    'đánh giá xếp loại', 'vị trí việc làm', 'nghỉ chế độ',
    'our agency', 'our office', 'our unit', 'colleagues', 'civil servants', 'salary reform', 'base salary',
    'allowance', 'allowances', 'workload', 'overtime', 'staff cuts', 'downsizing', 'restructuring',
    'early retirement', 'pay scale', 'department merger',
      'cơ quan tôi', 'đơn vị tôi', 'trong cơ quan', 'trong đơn vị', 'anh em cơ quan', 'dôi dư', 'nâng lương', 'xếp lương', 'nợ lương', 'bậc lương', 'staff', 'our agency',
  ]),
  t('other', 'Khác', 'Other', false, [    'bóng đá', 'đội tuyển', 'cầu thủ', 'trận đấu', 'giải đấu', 'vô địch', 'huy chương', 'sea games', 'olympic', 'bóng chuyền', 'cầu lông', 'quần vợt', 'điền kinh', 'huấn luyện viên', 'cổ động viên', 'chung kết', 'máy tính', 'phần mềm', 'điện thoại', 'ứng dụng', 'internet', 'trí tuệ nhân tạo', 'công nghệ', 'khoa học', 'nhà khoa học', 'vũ trụ', 'tiền ảo', 'trò chơi điện tử', 'game', 'cá cảnh', 'chim cảnh', 'cờ tướng', 'football', 'match', 'tournament', 'player', 'fans', 'referee', 'smartphone', 'app', 'apps', 'software', 'internet', 'video game', 'esports', 'chess', 'gold medal',
  ]),
];

/** Look up a default topic by slug; `undefined` for a slug an admin added later. */
export function findDefaultTopic(slug: string): TopicDefinition | undefined {
  return DEFAULT_TOPICS.find((topic) => topic.slug === slug);
}
