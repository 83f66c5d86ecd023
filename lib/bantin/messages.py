"""What the tool says in the terminal, in Vietnamese: every line of the command line, the run and the set-up.

One place to read and reword them. Each is a ``str.format`` template named after the moment it is said; the
code that says it fills the fields, and formats numbers with ``bantin.formatting`` before. Standard library only,
no imports at all: the set-up (``build.venv``, run with ``python -S``), the argument check and a run with nothing
to do read it too.

The words of the documents are elsewhere: the bulletins' in ``data/reference/narrative.j2``, the index's, the
validation report's and the set's in the site's wording file; the intake's findings about a submission, which
the terminal and the validation report both show, are written where they are found (``intake/``).
"""

# -- the command line (cli) ----------------------------------------------------------------------------------------
DESCRIPTION = "Bản tin công tác dân vận"
HELP_CHECK = "chỉ kiểm tra tham số kỳ và cụm (dùng cho make)"
HELP_REPORT = "kiểm tra, tổng hợp số liệu và xuất bản tin HTML, PDF vào outputs/"
HELP_TEMPLATE = "tạo mẫu Excel cho từng đơn vị vào data/templates/<kỳ>/"
HELP_PERIOD = "kỳ báo cáo: 2024H1, 2024H2 hoặc 2024"
HELP_CLUSTER = "mã cụm (mặc định: mọi cụm)"
HELP_PROJECT = "thư mục dự án (mặc định: thư mục hiện tại)"
HELP_STRICT = "đơn vị chưa gửi báo cáo là lỗi (mặc định: bản tin ghi rõ là chưa đủ)"
HELP_FORCE = "làm lại mọi bản tin, kể cả khi không có gì thay đổi"

ERROR = "Lỗi: {message}"  # before any error the user can act on
INTERRUPTED = "Đã dừng (Ctrl+C). {unchanged}"
PERIOD_NEEDED = "Cần cho biết kỳ báo cáo, ví dụ: make {purpose} PERIOD=2024H1"
NO_SUCH_CLUSTER = "Không có cụm {cluster!r}. Các cụm: {clusters} (và {province}: toàn tỉnh)."
TEMPLATE_BY_HALF_YEAR = "Mẫu báo cáo lập theo 6 tháng: dùng {period}H1 hoặc {period}H2."
NO_SUBMISSIONS_FOLDER = "Chưa có số liệu kỳ {period}: thiếu thư mục data/raw/{half}/."
NO_UNIT_IN_PERIOD = "Không có đơn vị nào hoạt động trong kỳ {period} (data/reference/units.csv)."
NO_UNIT_IN_CLUSTER = "Cụm {cluster!r} không có đơn vị nào hoạt động trong kỳ {period}."
NO_PROJECT = "Không tìm thấy thư mục dự án (cần có {marker}) từ {start}."
TEMPLATES_WRITTEN = "Đã tạo {count} mẫu báo cáo {period} trong {folder}/"

# -- a report (render.pipeline, render.batch, cli) ------------------------------------------------------------------
UP_TO_DATE = "Bản tin {period} đã mới nhất: không có gì thay đổi từ lần chạy trước."
PLAN = "Bản tin {period}: {todo}/{planned} cần làm lại, {workers} tiến trình"
RENDERED_ONE = "  {period} {scope:<12} {seconds:>5} s  {result}"
RENDERED_OK, RENDERED_FAILED = "xong", "LỖI"
DATA_WARNINGS = "{count} cảnh báo về số liệu (xem outputs/{period}/validation.html và phụ lục bản tin)."
SUMMARY_HEAD = "\n{bulletin:<14}{seconds:>6}  {result}"
SUMMARY_HEAD_WORDS = {"bulletin": "Bản tin", "seconds": "giây", "result": "Kết quả"}
SUMMARY_LINE = "{scope:<14}{seconds:>6}  {result}"
KEPT, RENDERED_AGAIN = "không đổi, giữ nguyên", "đã làm lại"
SUMMARY_TOTAL = "{count}/{count} bản tin trong outputs/{period}/ ({seconds} s)"
COLLECTION = "{printable_set} và {archive}"
OTHERS_BEHIND = (
    "Lưu ý: bản tin {behind} trong outputs/{period}/ chưa theo số liệu hiện tại (lượt này chỉ làm {scopes}), nên "
    "{collection} cũng chưa được làm lại; chạy make report PERIOD={period} để làm lại."
)
OTHERS_ABSENT = (
    "Lưu ý: chưa làm {collection} vì kỳ còn thiếu bản tin {absent} (lượt này chỉ làm {scopes}); chạy make report "
    "PERIOD={period} để làm đủ."
)
RENDER_FAILED = "Lỗi: {message} [bản tin: {scopes}]"
RENDER_BUG = "{message} [bản tin: {scopes}]"
NOTHING_PUBLISHED = (
    "{count} bản tin không làm được, nên chưa xuất bản gì: outputs/ và data/processed/ giữ nguyên như trước."
)
NEWS_ITEM_NOT_SHOWN = (
    "Cụm có ghi chú hội nghị nhưng sổ tay notebooks/{notebook} không hiển thị tin gửi báo, đài: thêm ô "
    "display(bulletin.news_item()) như trong sổ tay gốc."
)
NO_SUCH_SOURCE = "Nguồn số liệu {source!r} không có: tham số data của sổ tay nhận {sources}."
SOURCES_JOIN = " hoặc "

# -- writing the outputs (build.publish) ----------------------------------------------------------------------------
UNCHANGED = "Chưa có tệp nào bị thay đổi."
NOT_RESTORED = "Không khôi phục được {names}: chạy lại lệnh khi đã khắc phục, lượt chạy sau sẽ làm lại các tệp này."
WAITING_FOR_LOCK = "Một lượt make report khác đang chạy và giữ {lock}; chờ lượt đó xong…"
WRITE_FAILED = "Không ghi được tệp: {reason}."
WRITE_FAILED_NAMED = "Không ghi được {name}: {reason}."
DISK_FULL = "Ổ đĩa chứa {folder} đã đầy (khi ghi {name}): giải phóng dung lượng rồi chạy lại."
READ_ONLY = (
    "Thư mục {folder} nằm trên ổ đĩa chỉ cho phép đọc: chọn ổ đĩa ghi được (hoặc gắn lại cho phép ghi) rồi chạy lại."
)
LOCKED_FILE = "Tệp {name} đang bị một chương trình khác mở và khóa (ví dụ Excel): đóng tệp đó rồi chạy lại."
FILE_NOT_REPLACED = (
    "Không thay được tệp {name}: tệp đang được một chương trình khác mở (ví dụ Excel trên ổ đĩa dùng chung) hoặc "
    "không có quyền ghi vào {folder}. Đóng tệp hoặc cấp quyền ghi rồi chạy lại."
)
NO_WRITE_PERMISSION = (
    "Không có quyền ghi vào thư mục {folder}: cấp quyền ghi cho thư mục này (hoặc chạy bằng tài khoản có quyền) rồi "
    "chạy lại."
)

# -- a fault of the tool (build.crash) ------------------------------------------------------------------------------
BUG = (
    "Lỗi của chương trình (không phải do số liệu): {what}. Chi tiết đã lưu ở {where}: xin gửi tệp này cho người phụ "
    "trách kỹ thuật, kèm lệnh vừa chạy."
)
BUG_AT = " ({file}, dòng {line})"
BUG_REPORT_HEAD = (
    "Báo cáo lỗi chương trình bantin — {time}\nLệnh: {command}\nThư mục: {folder}\nPython {python} trên {system}\n\n"
)

# -- the set-up of .venv (build.venv) ---------------------------------------------------------------------------------
SETUP = {
    "start": "Đang cài đặt môi trường .venv từ {lock} (lần đầu, hoặc khi tệp khóa thay đổi; vài phút)…",
    "done": "Đã cài đặt xong môi trường .venv.",
    "python": (
        "Cần Python 3.11 nhưng lệnh python tìm thấy là {found}: cài Python 3.11 rồi chạy lại"
        " (hoặc chỉ định: make PYTHON=/đường/dẫn/python3.11 …); xem hướng dẫn cài đặt trong docs/manual.md."
    ),
    "venv": (
        "Không tạo được môi trường .venv (Python {found} thiếu mô-đun venv hoặc ensurepip; trên Debian/Ubuntu:"
        " apt install python3.11-venv); chi tiết trong {log}."
    ),
    "network": (
        "Không tải được gói cài đặt (không có mạng, hoặc cần proxy: đặt HTTPS_PROXY); chi tiết trong {log};"
        " xem hướng dẫn cài đặt trong docs/manual.md."
    ),
    "hash": (
        "Gói tải về không khớp mã băm trong tệp khóa (tệp tải dở, hoặc máy chủ trung gian đã thay đổi nó):"
        " chạy lại; nếu vẫn lỗi, xem {log}."
    ),
    "other": (
        "Cài đặt môi trường .venv không thành công; chi tiết trong {log}; xem hướng dẫn cài đặt trong docs/manual.md."
    ),
}
