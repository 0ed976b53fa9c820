# Strings shared by every feature. Each feature keeps its own <feature>.ftl beside this file.
common-error = Xin lỗi, đã có lỗi xảy ra. Nội dung bạn đã gửi vẫn được giữ lại; vui lòng thử lại sau ít phút.
