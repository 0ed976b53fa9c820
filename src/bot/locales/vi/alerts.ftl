# Cảnh báo khẩn (src/app/alerts, src/bot/features/alerts.ts). Giá trị trong thẻ đã được escape HTML.
alerts-card-critical = 🚨 <b>CẢNH BÁO KHẨN CẤP #{ $alertId }</b>
alerts-card-high = ⚠️ <b>Cảnh báo #{ $alertId }</b> (mức cao)
alerts-card =
    <b>Đơn vị:</b> { $unitPath }
    <b>Lĩnh vực:</b> { $topic }
    <b>Tâm trạng:</b> { $mood } · <b>Mức lan truyền:</b> { $spread }
    <b>Lý do:</b> { $reasons }
    <b>Số báo cáo:</b> { $reportCount } từ { $unitCount } đơn vị
    <blockquote>{ $quote }</blockquote>
    <b>Mã báo cáo:</b> { $references }
alerts-card-status-acknowledged = ✅ Đã được <b>{ $actor }</b> tiếp nhận.
alerts-card-status-resolved = ✔️ Đã được <b>{ $actor }</b> xử lý xong.
alerts-card-status-false-alarm = ✖️ <b>{ $actor }</b> xác định là báo động nhầm.

alerts-button-ack = ✅ Tiếp nhận
alerts-button-resolve = ✔️ Đã xử lý
alerts-button-false-alarm = ✖️ Báo động nhầm
alerts-button-details = ℹ️ Chi tiết

alerts-level-high = cao
alerts-level-critical = khẩn cấp
alerts-status-open = đang mở
alerts-status-acknowledged = đã tiếp nhận
alerts-status-resolved = đã xử lý
alerts-status-false-alarm = báo động nhầm

alerts-mood-supportive = đồng tình
alerts-mood-neutral = bình thường
alerts-mood-skeptical = băn khoăn, hoài nghi
alerts-mood-worried = lo lắng
alerts-mood-angry = bức xúc
alerts-spread-few = một số ít người
alerts-spread-unit = rộng trong cơ quan, đơn vị
alerts-spread-local = rộng trên địa bàn
alerts-spread-online = trên mạng xã hội / cả nước

alerts-reason-mood = tâm trạng gay gắt
alerts-reason-spread = lan truyền rộng
alerts-reason-sensitive-topic = lĩnh vực nhạy cảm
alerts-reason-trigger = dấu hiệu hành động tập thể hoặc nguy hiểm
alerts-reason-group-growth = vụ việc tăng nhanh

alerts-reporter-taken-up = 📣 Lãnh đạo đã tiếp nhận vụ việc bạn phản ánh ({ $references }). Cảm ơn bạn.

alerts-details =
    <b>Cảnh báo #{ $alertId }</b> — { $status }, mức { $level }
    Số báo cáo: { $reportCount } từ { $unitCount } đơn vị
    Mã báo cáo: { $references }
    Hiện ở cấp: { $reached } (bước { $step }); lần chuyển cấp tiếp theo: { $next }
    { $history }
alerts-details-event = · { $at } { $kind }
alerts-event-raised = phát sinh
alerts-event-sent = đã gửi
alerts-event-undelivered = không gửi được
alerts-event-updated = cập nhật
alerts-event-escalated = chuyển lên cấp trên
alerts-event-held = tạm giữ trong giờ yên tĩnh
alerts-event-acknowledged = đã tiếp nhận
alerts-event-resolved = đã xử lý
alerts-event-false-alarm = báo động nhầm
alerts-event-refused = một thao tác bị từ chối

alerts-refused = Bạn không có quyền xử lý cảnh báo này.
alerts-invalid = Nút này không còn hiệu lực.
alerts-done-ack = Bạn đã tiếp nhận cảnh báo. Những người nhận khác đã được thông báo.
alerts-done-resolve = Đã đánh dấu cảnh báo là đã xử lý.
alerts-done-false-alarm = Đã đánh dấu là báo động nhầm.
alerts-conflict-already-acknowledged = Cảnh báo này đã có người tiếp nhận.
alerts-conflict-already-closed = Cảnh báo này đã đóng.
alerts-list-empty = Không có cảnh báo nào đang mở trong các đơn vị của bạn.
alerts-list-header = Cảnh báo đang mở trong các đơn vị của bạn: { $count }
alerts-not-leader = Chỉ lãnh đạo và quản trị viên mới xem được cảnh báo.
alerts-reason-mood-agreement = nội dung và người báo cáo cùng nhận định tâm trạng
alerts-reason-sensitive-spread = lĩnh vực nhạy cảm đang lan rộng
