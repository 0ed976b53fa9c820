# /dashboard khi trang quản lý chưa có (thay tệp này bằng chuỗi của trang quản lý).
dashboard-coming = Trang quản lý chưa sẵn sàng: sắp có. Trong lúc chờ, /alerts liệt kê các cảnh báo đang mở và /digest gửi bản tổng hợp theo yêu cầu.
dashboard-staff-only = Trang quản lý chỉ dành cho lãnh đạo đơn vị và quản trị viên.
