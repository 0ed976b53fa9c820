# Strings shared by every feature. Each feature keeps its own <feature>.ftl beside this file.
common-error = Xin lỗi, đã có lỗi xảy ra. Nội dung bạn đã gửi vẫn được giữ lại; vui lòng thử lại sau ít phút.
common-busy = Hệ thống đang bận. Nội dung bạn vừa gửi vẫn được giữ lại và sẽ được xử lý ngay khi hệ thống hoạt động trở lại; bạn không cần gửi lại.
