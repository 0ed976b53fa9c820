# Tiếp nhận: tham gia, báo cáo theo bước, báo cáo nhanh, /myreports, /language, /help, gợi ý.
# Các biến chứa HTML đã được bot thoát ký tự; còn lại là văn bản thường.

intake-start-welcome =
    Chào mừng { $name }! Bạn đã là { $role ->
        [leader] lãnh đạo
        [admin] quản trị viên
       *[collaborator] cộng tác viên
    } của <b>{ $unit }</b>.
    • /report — báo cáo điều mọi người xung quanh đang nói (vài bước ngắn).
    • Hoặc gõ ngay điều bạn nghe được: tôi sẽ hỏi có gửi thành báo cáo không.
    • /myreports xem báo cáo đã gửi, /language đổi ngôn ngữ, /help xem hướng dẫn.
intake-start-back = Chào mừng { $name } trở lại. Gửi /report để báo cáo, hoặc /help để xem hướng dẫn.
intake-start-back-draft = Chào mừng { $name } trở lại. Bạn đang có một báo cáo làm dở: hãy trả lời câu hỏi bên dưới để làm tiếp, hoặc gửi /cancel để hủy.
intake-start-no-code = Để tham gia, hãy mở đường link mời bạn nhận được, hoặc gửi <code>/start MÃ-MỜI</code>.
intake-invite-unknown = Mã mời không hợp lệ. Hãy kiểm tra lại với người đã mời bạn rồi gửi lại <code>/start MÃ</code>.
intake-invite-expired = Mã mời đã hết hạn. Hãy xin người đã mời bạn một mã mới.
intake-invite-used_up = Mã mời đã được sử dụng hết. Hãy xin người đã mời bạn một mã mới.
intake-invite-revoked = Mã mời đã bị thu hồi. Hãy xin người đã mời bạn một mã mới.
intake-invite-already_member = Bạn đã tham gia rồi. Gửi /report để báo cáo hoặc /help để xem hướng dẫn.
intake-stranger = Xin lỗi, bot này chỉ dành cho thành viên mạng lưới cộng tác viên. Để tham gia, hãy xin lãnh đạo đơn vị của bạn một đường link mời.
intake-deactivated = Quyền sử dụng bot của bạn đã kết thúc. Nếu có nhầm lẫn, vui lòng liên hệ lãnh đạo đơn vị.

intake-privacy = 🔒 Lưu ý: hãy phản ánh suy nghĩ, tâm trạng của mọi người, không nêu tên cá nhân cụ thể.
intake-ask-topic = <b>1/6 · Chủ đề.</b> Nội dung thuộc lĩnh vực nào? Chọn chủ đề (hoặc gõ tên hay số thứ tự).
intake-topic-kept-content = Tôi đã giữ đoạn đó làm nội dung báo cáo. Bây giờ hãy chọn chủ đề.
intake-topic-auto = 🤖 Để hệ thống chọn
intake-ask-content =
    <b>2/6 · Nội dung.</b> Mọi người đang nói gì? 1–5 câu ({ $min }–{ $max } ký tự).
    Bạn có thể gửi nhiều tin nhắn, hoặc ảnh/tài liệu kèm chú thích, rồi bấm Xong.
intake-ask-content-edit = Nội dung hiện tại ở dưới: hãy gửi nội dung mới (thay cho nội dung cũ), rồi bấm Xong.
intake-content-got = Đã nhận ({ $count } ký tự). Gửi thêm để bổ sung, hoặc bấm Xong.
intake-content-attachment-only = Đã nhận tệp đính kèm. Bây giờ hãy viết điều mọi người đang nói (hoặc gửi lại kèm chú thích).
intake-btn-done = ✅ Xong
intake-content-empty = Tin nhắn trống. Hãy viết điều mọi người đang nói.
intake-content-no_words = Tin nhắn không có chữ (chỉ có biểu tượng). Hãy viết điều mọi người đang nói.
intake-content-too_short = Nội dung quá ngắn ({ $length } ký tự; tối thiểu { $min }). Hãy viết thêm rồi bấm Xong.
intake-content-too_long = Nội dung quá dài ({ $length } ký tự; tổng cộng tối đa { $max }). Hãy rút gọn rồi gửi lại; phần đã gửi trước đó vẫn được giữ.
intake-content-split-too-long = Đây là phần tiếp theo của cùng một đoạn văn dài: Telegram đã chia nó thành { $pieces } tin nhắn, tổng cộng { $length } ký tự, trong khi một báo cáo tối đa { $max } ký tự. Chưa phần nào được thêm vào: hãy rút gọn rồi gửi lại; phần đã gửi trước đó vẫn được giữ.
intake-content-word_too_long = Tin nhắn có một chuỗi ký tự liền rất dài. Hãy gửi các câu bình thường.
intake-not-text = Ở bước này tôi chỉ đọc được chữ (hoặc ảnh/tài liệu kèm chú thích). Hãy trả lời câu hỏi ở trên.
intake-edited-ignored = Tôi không đọc tin nhắn đã sửa. Hãy gửi nội dung đã sửa thành một tin nhắn mới.

intake-ask-mood = <b>3/6 · Tâm trạng.</b> Những người bạn phản ánh cảm thấy thế nào?
intake-mood-supportive = 👍 Đồng tình
intake-mood-neutral = 😐 Bình thường
intake-mood-skeptical = 🤔 Băn khoăn, hoài nghi
intake-mood-worried = 😟 Lo lắng
intake-mood-angry = 😠 Bức xúc
intake-ask-spread = <b>4/6 · Mức độ lan truyền.</b> Việc này được bàn tán rộng đến đâu?
intake-spread-few = Một vài người
intake-spread-unit = Rộng rãi trong cơ quan, đơn vị
intake-spread-local = Rộng rãi ở địa phương
intake-spread-online = Mạng xã hội / cả nước
intake-ask-source = <b>5/6 · Nguồn.</b> Bạn nghe được từ đâu?
intake-source-conversation = Trò chuyện
intake-source-meeting = Cuộc họp
intake-source-social_media = Mạng xã hội
intake-source-press = Báo chí
intake-source-other = Khác
intake-ask-proposal = <b>6/6 · Đề xuất (không bắt buộc).</b> Bạn kiến nghị gì với lãnh đạo? Gõ đề xuất, hoặc bấm Bỏ qua.
intake-btn-skip = Bỏ qua
intake-proposal-too_long = Đề xuất quá dài (tối đa { $max } ký tự). Hãy rút gọn.
intake-proposal-no_words = Hãy viết đề xuất bằng chữ, hoặc bấm Bỏ qua.
intake-unclear-choice = Tôi chưa hiểu “{ $answer }”. Hãy bấm một nút, hoặc gõ số thứ tự.

intake-review =
    <b>Vui lòng kiểm tra báo cáo</b>
    <b>Chủ đề:</b> { $topic }
    <b>Nội dung:</b> { $content }{ $attachment }
    <b>Tâm trạng:</b> { $mood }
    <b>Lan truyền:</b> { $spread }
    <b>Nguồn:</b> { $source }
    <b>Đề xuất:</b> { $proposal }
intake-review-attachment = { " " }📎
intake-review-none = —
intake-review-use-buttons = Hãy dùng các nút dưới báo cáo: Sửa một mục, Gửi, hoặc Hủy.
intake-btn-edit-topic = ✏️ Chủ đề
intake-btn-edit-content = ✏️ Nội dung
intake-btn-edit-mood = ✏️ Tâm trạng
intake-btn-edit-spread = ✏️ Lan truyền
intake-btn-edit-source = ✏️ Nguồn
intake-btn-edit-proposal = ✏️ Đề xuất
intake-btn-submit = 📨 Gửi
intake-btn-cancel = ✖️ Hủy
intake-submitted = ✅ Cảm ơn bạn! Báo cáo đã được tiếp nhận. Mã số: <b>{ $reference }</b>.
intake-submitted-again = Báo cáo này đã được tiếp nhận trước đó. Mã số: <b>{ $reference }</b>.
intake-submit-failed = Xin lỗi, chưa lưu được báo cáo. Bản nháp vẫn được giữ: hãy bấm Gửi lại sau ít phút.
intake-rate-limited = Bạn đã gửi nhiều báo cáo trong một giờ qua. Cảm ơn bạn! Vui lòng chờ một lúc rồi gửi tiếp; bản nháp vẫn được giữ.
intake-flood = Bạn đang gửi tin nhắn rất nhanh. Vui lòng chậm lại một chút; vài giây nữa tôi sẽ đọc tin nhắn tiếp theo.
intake-cancelled = Đã hủy. Chưa có gì được gửi.
intake-nothing-to-cancel = Không có gì để hủy.
intake-stale-button = Nút này thuộc một tin nhắn cũ.
intake-forged-button = Nút này không hợp lệ.
intake-in-flow-command = Bạn đang làm dở một báo cáo. Hãy trả lời câu hỏi ở trên, hoặc gửi /cancel để dừng.
intake-draft-dropped =
    Báo cáo chưa hoàn thành đã bị hủy sau 24 giờ không hoạt động. Đây là nội dung bạn đã gõ, để không bị mất:
    { $draft }
intake-resume = Bạn đang làm dở một báo cáo; đây là bước bạn đang ở.

intake-quick-ask =
    Gửi nội dung này thành báo cáo?
    <i>{ $preview }</i>
intake-btn-send-now = 📨 Gửi ngay
intake-btn-add-details = ➕ Thêm chi tiết
intake-btn-no = Không
intake-quick-declined = Được, chưa gửi.
intake-quick-hint = Để báo cáo, hãy gửi /report, hoặc gõ ít nhất { $min } ký tự về điều mọi người đang nói.

intake-myreports-empty = Bạn chưa gửi báo cáo nào. Gửi /report để bắt đầu.
intake-myreports-header = <b>Các báo cáo gần đây của bạn</b>
intake-myreports-line = { $reference } · { $date } · { $status } · { $topic }
intake-status-received = đã tiếp nhận
intake-status-analysed = đã phân tích
intake-status-withdrawn = đã rút
intake-topic-none = hệ thống chọn chủ đề
intake-btn-withdraw = Rút { $reference }
intake-withdrawn = Đã rút báo cáo { $reference }.
intake-withdraw-too_late = Không thể rút báo cáo này nữa (chỉ rút được trong 1 giờ sau khi gửi).
intake-withdraw-not_found = Không tìm thấy báo cáo này.
intake-withdraw-already_withdrawn = Báo cáo này đã được rút.

intake-language-vi = 🇻🇳 Tiếng Việt
intake-language-en = 🇬🇧 English
intake-language-choose = Chọn ngôn ngữ:
intake-language-set = Đã chuyển sang tiếng Việt.

intake-help =
    <b>/report</b> — gửi báo cáo qua vài bước: chủ đề, nội dung, tâm trạng, lan truyền, nguồn, đề xuất.
    Gõ câu trả lời hoặc bấm nút; có thể sửa từng mục trước khi gửi.
    Bạn nhận được mã số, ví dụ R-2026-000123.
    <b>/cancel</b> — dừng báo cáo đang làm ở bất kỳ bước nào.
    Không có gì được gửi cho đến khi bạn bấm Gửi.
    Khi không làm báo cáo, lệnh này không làm gì.
    <b>/myreports</b> — 10 báo cáo gần nhất với mã số, ngày, trạng thái và chủ đề.
    Có thể rút một báo cáo trong vòng 1 giờ sau khi gửi.
    Ngày giờ theo múi giờ của đơn vị bạn.
    <b>/surveys</b> — các khảo sát đang mở cho bạn: trả lời bằng nút hoặc gõ, sửa được đến giờ đóng.
    <b>/language</b> — chuyển giữa tiếng Việt và tiếng Anh.
    Mọi tin nhắn của bot theo lựa chọn của bạn.
    Nếu chưa chọn, bot dùng ngôn ngữ Telegram của bạn.
    <b>Báo cáo nhanh</b> — chỉ cần gõ điều bạn nghe được.
    Tôi sẽ hỏi gửi ngay, thêm chi tiết, hay không gửi.
    Chủ đề và tâm trạng khi đó do hệ thống xác định.
    Hãy phản ánh ý kiến, không nêu tên cá nhân cụ thể.
intake-help-staff =
    <b>/alerts</b>, <b>/digest</b>, <b>/dashboard</b> — dành cho lãnh đạo và quản trị: cảnh báo đang mở, bản tổng hợp theo yêu cầu, và đường link đăng nhập trang quản lý.
intake-group-hint = Vui lòng nhắn riêng cho tôi: không gửi báo cáo trong nhóm.
intake-unhandled = Tôi chưa hiểu. Gửi /report để báo cáo, hoặc /help để xem hướng dẫn.
intake-unhandled-kind = Tôi chỉ đọc được chữ, ảnh và tài liệu. Gửi /report để báo cáo, hoặc /help để xem hướng dẫn.

intake-cmd-report = Gửi báo cáo
intake-cmd-cancel = Hủy báo cáo đang làm
intake-cmd-surveys = Khảo sát đang mở
intake-cmd-myreports = Báo cáo gần đây của tôi
intake-cmd-language = Ngôn ngữ
intake-cmd-help = Hướng dẫn
intake-cmd-alerts = Cảnh báo đang mở
intake-cmd-digest = Bản tổng hợp theo yêu cầu
intake-cmd-dashboard = Link đăng nhập trang quản lý
intake-draft-reset =
    Bot vừa được cập nhật nên không thể tiếp tục báo cáo đang làm dở. Đây là nội dung bạn đã gõ, để không bị mất:
    { $draft }
    Gửi /report để bắt đầu lại.
intake-draft-reset-empty = Bot vừa được cập nhật nên báo cáo đang làm dở không thể tiếp tục. Gửi /report để bắt đầu lại.
intake-start-welcome-staff = { $role ->
        [admin] • Là quản trị viên, bạn nhận cảnh báo và bản tổng hợp của mọi đơn vị: /alerts, /digest.
       *[leader] • Là lãnh đạo, bạn nhận cảnh báo và bản tổng hợp của đơn vị mình và mọi đơn vị trực thuộc: /alerts, /digest.
    }
intake-draft-failed =
    Xin lỗi, đã có lỗi xảy ra nên không thể tiếp tục báo cáo đang làm dở. Đây là nội dung bạn đã gõ, để không bị mất:
    { $draft }
    Gửi /report để bắt đầu lại.
intake-draft-failed-empty = Xin lỗi, đã có lỗi xảy ra nên báo cáo đang làm dở không thể tiếp tục. Gửi /report để bắt đầu lại.
