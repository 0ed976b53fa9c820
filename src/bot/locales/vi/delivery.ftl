# Thông báo của đường gửi tin (src/delivery).
delivery-member-unreachable = ⚠️ <b>{ $name }</b> (thành viên #{ $memberId }) đã chặn bot: không gửi được một tin loại { $kind }. Thành viên được đánh dấu là không liên lạc được cho đến khi họ nhắn lại cho bot.
