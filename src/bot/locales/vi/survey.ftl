# Khảo sát: lời mời, từng câu hỏi, trả lời bằng nút hoặc gõ, nhắc nhở, /surveys.
# Các biến chứa HTML đã được bot thoát ký tự; còn lại là văn bản thường.

survey-invite =
    📋 <b>Khảo sát: { $title }</b>
    { $intro }

    { $questions } câu hỏi · hạn trả lời { $closes }.
survey-btn-start = ▶️ Bắt đầu trả lời
survey-reminder =
    ⏰ Nhắc nhẹ: bạn chưa trả lời khảo sát <b>{ $title }</b>. Khảo sát đóng lúc { $closes }.
survey-question-header = <b>Câu { $n }/{ $total }</b>
survey-hint-single = Chọn một đáp án, hoặc gõ số hay tên đáp án.
survey-hint-multiple = Chọn một hay nhiều đáp án rồi bấm Xong, hoặc gõ các số cách nhau bằng dấu phẩy (vd: 1, 3).
survey-hint-scale = Chọn từ 1 (thấp nhất) đến 5 (cao nhất), hoặc gõ số.
survey-hint-text = Gõ câu trả lời của bạn (tối đa { $max } ký tự).
survey-hint-optional = Câu này không bắt buộc: bấm Bỏ qua hoặc gõ "bỏ qua".
survey-btn-done = ✅ Xong
survey-btn-skip = Bỏ qua
survey-btn-change = ✏️ Sửa câu trả lời
survey-bad-not-an-option = Tôi chưa hiểu đáp án này. Hãy bấm một nút, hoặc gõ số thứ tự của đáp án.
survey-bad-not-a-scale = Hãy chọn một số từ 1 đến 5.
survey-bad-empty = Câu trả lời cần có chữ hoặc số.
survey-bad-too-long = Câu trả lời dài { $length } ký tự, quá giới hạn { $max }. Vui lòng rút gọn rồi gửi lại.
survey-bad-required = Câu này bắt buộc trả lời.
survey-thanks = 🙏 Cảm ơn bạn đã trả lời khảo sát <b>{ $title }</b>. Bạn có thể sửa câu trả lời đến { $closes } (gửi /surveys).
survey-thanks-anonymous =
    🙏 Cảm ơn bạn đã trả lời khảo sát <b>{ $title }</b>.
    🔒 Câu trả lời được lưu ẩn danh: không ai, kể cả quản trị viên, biết đó là của bạn. Muốn sửa trước { $closes }, hãy bấm nút bên dưới (chỉ tin nhắn này giữ được chìa khóa).
survey-updated = ✏️ Đã cập nhật câu trả lời của bạn cho khảo sát <b>{ $title }</b>.
survey-closed = Khảo sát <b>{ $title }</b> đã kết thúc, không nhận thêm câu trả lời. Cảm ơn bạn đã quan tâm!
survey-not-found = Khảo sát này không còn nữa.
survey-not-asked = Khảo sát này không dành cho bạn.
survey-stale = Câu này đã trả lời xong.
survey-answered-anonymously = Bạn đã trả lời khảo sát ẩn danh này. Để sửa, hãy bấm nút "Sửa câu trả lời" trong tin nhắn cảm ơn.
survey-list-header = 📋 Khảo sát đang mở:
survey-list-line = • <b>{ $title }</b> — hạn { $closes } ({ $state ->
        [answered] đã trả lời
       *[open] chưa trả lời
    })
survey-list-empty = Hiện không có khảo sát nào đang mở cho bạn.
survey-cancelled = Đã dừng trả lời khảo sát. Gửi /surveys để bắt đầu lại khi bạn muốn.
survey-unknown-key = Nút này không mở được câu trả lời nào. Hãy dùng nút "Sửa câu trả lời" trong tin nhắn cảm ơn của bạn.

# Lỗi khi tạo khảo sát
survey-problem-required = là bắt buộc
survey-problem-not-text = phải là văn bản
survey-problem-too-long = quá dài (tối đa { $limit } ký tự)
survey-problem-options-not-text = phải là danh sách văn bản
survey-problem-too-few-options = cần ít nhất { $limit } đáp án
survey-problem-too-many-options = tối đa { $limit } đáp án
survey-problem-option-too-long = có đáp án dài quá { $limit } ký tự
survey-problem-duplicate-options = có đáp án trùng nhau
survey-problem-options-mismatch = phải có số đáp án tiếng Anh bằng số đáp án tiếng Việt
survey-problem-options-not-allowed = không có đáp án (chỉ câu chọn một/chọn nhiều mới có)
survey-problem-not-an-object = không đúng dạng
survey-problem-unknown-kind = phải là chọn một, chọn nhiều, thang điểm hoặc trả lời ngắn
survey-problem-bad-length = phải là số nguyên từ 1 đến { $limit }
survey-problem-not-boolean = phải là có hoặc không
survey-problem-not-unit-ids = phải là danh sách mã đơn vị
survey-problem-unknown-role = có vai trò không hợp lệ
survey-problem-bad-time = phải có dạng NNNN-TT-NN GG:PP
survey-problem-closes-before-opening = phải sau giờ mở
survey-problem-in-the-past = đã qua
survey-problem-reminder-outside-window = phải nằm giữa giờ mở và giờ đóng
survey-problem-too-few-questions = cần ít nhất { $limit } câu hỏi
survey-problem-too-many-questions = tối đa { $limit } câu hỏi
survey-problem-outside-subtree = có đơn vị { $limit } nằm ngoài phạm vi của bạn
survey-problem-not-allowed = cộng tác viên không tạo được khảo sát
survey-problem-no-unit = không tìm thấy đơn vị của bạn

survey-digest-header = 📋 <b>Khảo sát</b>
survey-digest-line = • <b>{ $title }</b> ({ $state ->
        [closed] đã đóng
       *[open] đang mở
    }): { $answered }/{ $recipients } đã trả lời ({ $rate }), { $unreached } không gửi được
survey-digest-too-few =   Dưới { $min } câu trả lời trong phạm vi: chưa hiển thị kết quả.
