import type { Spread } from '../domain/vocabulary.js';
import type { TriggerKind } from '../domain/urgency.js';

/**
 * Trigger phrases for collective action or danger, written for Pulse. A phrase may signal
 * several kinds ("ký đơn chung" is a petition and collective action). Calm wording of large
 * collective action is included on purpose: "đã ký đơn chung", "nghỉ việc đồng loạt".
 */
export const TRIGGER_PHRASES: Readonly<Record<string, readonly TriggerKind[]>> = {
  // collective action
  'cùng ký': ['petition', 'collective_action'], 'ký đơn chung': ['petition', 'collective_action'],
  'ký tên chung': ['petition', 'collective_action'], 'đơn chung': ['petition', 'collective_action'],
  'ký đơn tập thể': ['petition', 'collective_action'], 'đơn tập thể': ['petition', 'collective_action'],
  'kéo nhau': ['collective_action'], 'kéo đến': ['collective_action'], 'kéo lên': ['collective_action'],
  'rủ nhau': ['collective_action'], 'hẹn nhau đến': ['collective_action'], 'bao vây': ['collective_action', 'gathering'],
  'tẩy chay': ['collective_action'], 'khiếu kiện đông người': ['collective_action'], 'đông người': ['collective_action'],
  'đòi đối thoại': ['collective_action'], 'đồng loạt gửi đơn': ['petition', 'collective_action'],
  'đồng loạt kéo': ['collective_action'], 'cùng ký tên': ['petition', 'collective_action'],
  'signed a joint': ['petition', 'collective_action'], 'jointly': ['collective_action'], 'together': ['collective_action'],
  'boycott': ['collective_action'], 'plan to go to': ['collective_action'], 'go to the provincial office': ['collective_action'],
  // gatherings
  'tụ tập': ['gathering'], 'tập trung đông': ['gathering'], 'tập trung trước': ['gathering'], 'biểu tình': ['gathering'],
  'chặn đường': ['gathering'], 'tuần hành': ['gathering'], 'xô xát': ['gathering'], 'kêu gọi tụ tập': ['gathering', 'collective_action'],
  'kéo đến trụ sở': ['gathering', 'collective_action'], 'gathering': ['gathering'], 'gathered': ['gathering'],
  'protest': ['gathering'], 'protesters': ['gathering'], 'rally': ['gathering'], 'blocking the road': ['gathering'],
  // strikes
  'đình công': ['strike'], 'ngừng việc': ['strike'], 'ngừng làm việc': ['strike'], 'lãn công': ['strike'],
  'nghỉ việc đồng loạt': ['strike', 'collective_action'], 'nghỉ làm đồng loạt': ['strike', 'collective_action'],
  'đồng loạt nghỉ': ['strike', 'collective_action'], 'cùng nghỉ làm': ['strike', 'collective_action'],
  'cùng nghỉ việc': ['strike', 'collective_action'], 'xin nghỉ việc đồng loạt': ['strike', 'collective_action'],
  'đóng cửa hàng loạt': ['strike', 'collective_action'], 'đồng loạt đóng cửa': ['strike', 'collective_action'],
  'bãi khóa': ['strike'], 'strike': ['strike'], 'on strike': ['strike'], 'walkout': ['strike'],
  'walked off the job': ['strike', 'collective_action'], 'stop work': ['strike'], 'stopped work': ['strike'],
  'stop teaching': ['strike'], 'resignations together': ['strike', 'collective_action'],
  // petitions
  'ký đơn': ['petition'], 'ký tên': ['petition'], 'gửi đơn': ['petition'], 'đơn tố cáo': ['petition'],
  'đơn phản ánh': ['petition'], 'đơn kiến nghị': ['petition'], 'chữ ký': ['petition'], 'petition': ['petition'],
  'joint letter': ['petition', 'collective_action'], 'joint complaint': ['petition', 'collective_action'],
  'signed a': ['petition'], 'are signing': ['petition'], 'sent complaints': ['petition'],
  // threats to life
  'dọa giết': ['threat_to_life'], 'đe dọa giết': ['threat_to_life'], 'giết': ['threat_to_life'],
  'tử vong': ['threat_to_life'], 'thiệt mạng': ['threat_to_life'], 'bị thương nặng': ['threat_to_life'],
  'mắc kẹt': ['threat_to_life'], 'mất liên lạc': ['threat_to_life'], 'mất tích': ['threat_to_life'],
  'cấp cứu': ['threat_to_life'], 'ngộ độc': ['threat_to_life'], 'hung khí': ['threat_to_life'],
  'dao kiếm': ['threat_to_life'], 'mã tấu': ['threat_to_life'], 'con tin': ['threat_to_life'],
  'đâm chìm': ['threat_to_life'], 'cây đè': ['threat_to_life'], 'co giật': ['threat_to_life'], 'tự tử': ['threat_to_life'], 'đầu độc': ['threat_to_life'],
  // the ward's name, not an emergency
  'khoa cấp cứu': [], 'phòng cấp cứu': [],
  'death threats': ['threat_to_life'], 'threatened to': ['threat_to_life'], 'kill': ['threat_to_life'],
  'killed': ['threat_to_life'], 'died': ['threat_to_life'], 'missing': ['threat_to_life'], 'trapped': ['threat_to_life'],
  'injured': ['threat_to_life'], 'emergency room': ['threat_to_life'], 'food poisoning': ['threat_to_life'],
  'pinned under': ['threat_to_life'], 'hostage': ['threat_to_life'], 'sunk': ['threat_to_life'],
  // disasters unfolding
  'lũ quét': ['disaster'], 'nước lên nhanh': ['disaster'], 'đang lên nhanh': ['disaster'], 'dâng cao': ['disaster'],
  'vỡ đê': ['disaster'], 'rò rỉ': ['disaster'], 'sơ tán': ['disaster'], 'di dời gấp': ['disaster'],
  'di dời dân': ['disaster'], 'bão đổ bộ': ['disaster'], 'vùi lấp': ['disaster'], 'cuốn trôi': ['disaster'],
  'chia cắt': ['disaster'], 'lên rất nhanh': ['disaster'], 'chưa kịp di dời': ['disaster'],
  'cần hỗ trợ gấp': ['disaster'], 'dấu hiệu sạt': ['disaster'], 'cháy lớn': ['disaster'], 'tràn mạnh': ['disaster'], 'sạt lở đất': ['disaster'],
  'evacuated': ['disaster'], 'evacuating': ['disaster'], 'evacuation': ['disaster'], 'rising fast': ['disaster'],
  'landslide': ['disaster'], 'buried': ['disaster'], 'made landfall': ['disaster'], 'flash flood': ['disaster'],
  'swept away': ['disaster'], 'dike': ['disaster'], 'torn off': ['disaster'],
};

/** Phrases that say how far a report's sentiment has spread, for reports without a spread. */
export const SPREAD_PHRASES: Readonly<Record<string, Spread>> = {
  'lan khắp mạng': 'online', 'lan trên mạng': 'online', 'lan nhanh': 'online', 'lan truyền': 'online',
  'lan khắp': 'online', 'lan rất nhanh': 'online', 'hàng nghìn người chia sẻ': 'online',
  'hàng nghìn bình luận': 'online', 'hàng trăm bình luận': 'online', 'khắp các nhóm': 'online',
  'viral': 'online', 'spreading fast': 'online', 'spreading online': 'online',
  'spreading on social media': 'online', 'shared thousands': 'online',
  'cả làng': 'local', 'cả xóm': 'local', 'cả xã': 'local', 'cả khu phố': 'local', 'cả khu': 'local',
  'khắp xã': 'local', 'cả phường': 'local', 'the whole village': 'local', 'the village': 'local',
  'the whole ward': 'local', 'whole neighbourhood': 'local',
  'trong cơ quan': 'unit', 'trong đơn vị': 'unit', 'our office': 'unit', 'our unit': 'unit', 'our agency': 'unit',
};

/** Phrases that mark a text as relaying distant or reported events rather than local ones. */
export const DISTANT_PHRASES: readonly string[] = [
  'báo đưa tin', 'xem tin', 'theo dõi tin', 'trên truyền hình', 'ở nước ngoài', 'ở mỹ', 'tại mỹ', 'ở châu âu',
  'in america', 'abroad', 'news', 'on tv', 'watched the news',
];
