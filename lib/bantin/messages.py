"""What the tool says in the terminal, in Vietnamese: every line of the command line, the run and the set-up, and
every problem found in a submission, in the reference data or in the meeting notes.

One place to read and reword them. Each is a ``str.format`` template named after the moment it is said; the
code that says it fills the fields, and formats numbers with ``bantin.formatting`` before. Standard library only,
no imports at all: the set-up (``build.venv``, run with ``python -S``), the argument check and a run with nothing
to do read it too. The intake's findings about a submission are shown in the terminal and listed in the validation
report (a warning also in the bulletins' annex): both print the text made from these templates.

The words of the documents are elsewhere: the bulletins' in ``data/reference/narrative.j2``, the index's, the
validation report's and the set's in the site's wording file, the Excel template's labels and instructions beside
its layout (``intake/layout.py``, ``intake/template_workbook.py``), a period's label with the period
(``model/periods.py``).
"""

# -- the command line (cli) ----------------------------------------------------------------------------------------
DESCRIPTION = "Bản tin công tác dân vận"
HELP_CHECK = "chỉ kiểm tra tham số kỳ và cụm (dùng cho make)"
HELP_REPORT = "kiểm tra, tổng hợp số liệu và xuất bản tin HTML, PDF vào outputs/"
HELP_TEMPLATE = "tạo mẫu Excel cho từng đơn vị vào data/templates/<kỳ>/"
HELP_ISSUE = "phát hành kỳ: đánh số theo sổ phát hành, ghi ngày, lưu vĩnh viễn vào issued/"
HELP_DATE = "ngày phát hành, dạng 2027-01-05 (mặc định: hôm nay)"
HELP_PARTIAL = "phát hành cả khi còn đơn vị chưa gửi báo cáo (bản tin nói rõ điều đó)"
HELP_PERIOD = "kỳ báo cáo: 2024H1, 2024H2 hoặc 2024"
HELP_CLUSTER = "mã cụm (mặc định: mọi cụm)"
HELP_PROJECT = "thư mục dự án (mặc định: thư mục hiện tại)"
HELP_STRICT = "đơn vị chưa gửi báo cáo là lỗi (mặc định: bản tin ghi rõ là chưa đủ)"
HELP_FORCE = "làm lại mọi bản tin, kể cả khi không có gì thay đổi"

ERROR = "Lỗi: {message}"  # before any error the user can act on
INTERRUPTED = "Đã dừng (Ctrl+C). {unchanged}"
PERIOD_NEEDED = "Cần cho biết kỳ báo cáo, ví dụ: make {purpose} PERIOD=2024H1"
NO_SUCH_CLUSTER = "Không có cụm {cluster!r}. Các cụm của kỳ này: {clusters} (và {province}: {whole})."
TEMPLATE_BY_HALF_YEAR = "Mẫu báo cáo lập theo 6 tháng: dùng {period}H1 hoặc {period}H2."
# A report of a period without its folder of submissions (cli): whether the period has begun, and what to do — part 5
# of issue 24. The dates are datetime.date values, written by their format spec (the argument check stays without
# babel).
NO_SUBMISSIONS_FOLDER = (
    "Chưa có số liệu kỳ {period} ({label}): thiếu thư mục data/raw/{half}/. Chép các tệp đơn vị gửi về vào thư mục "
    "này rồi chạy lại (mẫu báo cáo để gửi các đơn vị: make template PERIOD={half})."
)
PERIOD_NOT_BEGUN = (
    "Kỳ {period} ({label}) chưa bắt đầu (từ ngày {start:%d/%m/%Y}) nên chưa có số liệu: thiếu thư mục "
    "data/raw/{half}/. Mẫu báo cáo gửi các đơn vị được chuẩn bị bằng make template PERIOD={half}; khi các đơn vị "
    "gửi về, chép các tệp vào data/raw/{half}/ rồi chạy lại."
)
PERIOD_UNDER_WAY = (
    "Kỳ {period} ({label}) chưa kết thúc (đến ngày {end:%d/%m/%Y}) và chưa có số liệu: thiếu thư mục "
    "data/raw/{half}/. Mẫu báo cáo gửi các đơn vị được chuẩn bị bằng make template PERIOD={half}; khi các đơn vị "
    "gửi về, chép các tệp vào data/raw/{half}/ rồi chạy lại."
)
NO_UNIT_IN_PERIOD = "Không có đơn vị nào hoạt động trong kỳ {period} (data/reference/units.csv)."
NO_UNIT_IN_CLUSTER = "Cụm {cluster!r} không có đơn vị nào hoạt động trong kỳ {period}."
PREDECESSOR_CLUSTER = (
    "Cụm {cluster!r} ({name}) không có bản tin riêng: đó là cụm của các đơn vị trước sắp xếp, chỉ giữ để so sánh; số "
    "liệu của cụm có trong phần so sánh của bản tin {successors}."
)
PREDECESSOR_CLUSTER_SUCCESSOR = "{name} (CLUSTER={code})"  # the name as a sentence says it: "cụm trung tâm"
PREDECESSOR_CLUSTER_NO_SUCCESSOR = "nào kế thừa các đơn vị của cụm (successions.csv chưa ghi)"
NO_PROJECT = "Không tìm thấy thư mục dự án (cần có {marker}) từ {start}."
TEMPLATES_WRITTEN = "Đã tạo {count} mẫu báo cáo {period} trong {folder}/"

# -- a period (model.periods) ---------------------------------------------------------------------------------------
PERIOD_INVALID = (
    "Kỳ báo cáo không hợp lệ: {text!r}. Dùng dạng 2024H1 (6 tháng đầu năm), 2024H2 (6 tháng cuối năm) hoặc 2024 "
    "(cả năm)."
)
PERIOD_YEAR_INVALID = "Năm của kỳ báo cáo không hợp lệ: {text!r}."

# -- the reference data (model.reference, model.organisation) -------------------------------------------------------
REFERENCE_FILE_MISSING = "Thiếu tệp dữ liệu tham chiếu {path}."
REFERENCE_COLUMNS_MISSING = "{file}: thiếu cột {columns}."
REFERENCE_DATE_INVALID = "{file}, dòng {line}: ngày {text!r} không đúng dạng YYYY-MM-DD."
CLUSTER_ROLE_INVALID = "clusters.csv, dòng {line}: cột role là {role!r}; để trống, hoặc ghi {predecessor}."
SUCCESSION_UNIT_UNKNOWN = "successions.csv, dòng {line}: mã đơn vị {unit!r} không có trong units.csv."
SUCCESSION_SHARE_INVALID = (
    "successions.csv, dòng {line}: cột share là {share!r}; ghi whole (cả địa bàn) hoặc part (một phần)."
)
UNIT_CLUSTER_UNKNOWN = "units.csv, dòng {line}: cụm {cluster!r} không có trong clusters.csv."
NO_INDICATOR_WITH_ROLE = (
    "indicators.csv: không có chỉ tiêu nào có vai trò (cột role) {role!r}: ghi vai trò này cho một chỉ tiêu."
)
ROLE_OF_SEVERAL_INDICATORS = (
    "indicators.csv: vai trò (cột role) {role!r} được ghi cho nhiều chỉ tiêu ({codes}): chỉ ghi cho một."
)
RULE_INDICATOR_UNKNOWN = "rules.csv, dòng {line}: quy tắc “{rule}” dùng mã chỉ tiêu không có: {codes}."
RULE_COLUMN_INVALID = (
    "rules.csv, dòng {line}: cột {column} của quy tắc “{rule}” là {value!r}, cần một trong: {allowed}."
)
ORGANISATION_SYNTAX = "{file}: lỗi cú pháp ({error})."
ORGANISATION_AT = "{file}, [[organisation]] thứ {number}"  # where in organisation.toml, before what is wrong
ORGANISATION_DATE_INVALID = "{where}: {key} phải là ngày dạng 2025-07-01."
ORGANISATION_KEYS_MISSING = "{where}: thiếu {keys} (xem chú thích đầu tệp)."
TERM_AT = "{file}, [[term]] thứ {number}"
TERM_INVALID = (
    '{where}: cần party_committee, name và valid_from (ví dụ party_committee = "THÀNH ỦY ĐÀ NẴNG", name = "2025–2030", '
    "valid_from = 2025-09-18)."
)
ORGANISATION_LIST_INVALID = '{where}: {key} phải là một danh sách chữ, ví dụ ["xã", "phường", "đặc khu"].'

# The check of the whole reference data (model.reference_check): every mistake at once, each at its file and line
# (or TOML table); the file and the line come before the message (model.errors.Problem).
REFERENCE_INVALID = (
    "Dữ liệu tham chiếu (data/reference/) chưa hợp lệ: {count} lỗi cần sửa; chưa có tệp nào bị thay đổi."
)
REFERENCE_PROBLEM = "  - {problem}"
REFERENCE_TABLE = "[[organisation]] thứ {number}"  # where in organisation.toml
REFERENCE_TERM_TABLE = "[[term]] thứ {number}"
REFERENCE_NOT_UTF8 = "Tệp không phải mã UTF-8 (byte lạ ở dòng {line}): lưu lại dạng UTF-8."
REFERENCE_LEGACY_ENCODING = (
    "Tệp dùng bảng mã cũ {encoding}, không phải Unicode: chuyển sang Unicode (ví dụ bằng Unikey) và lưu lại dạng UTF-8."
)
REFERENCE_NOT_TEXT = (
    "ký tự {code} ở vị trí {column} của dòng không phải chữ (ký tự điều khiển, ký tự ẩn hoặc đảo chiều): xóa ký tự "
    "này rồi lưu lại."
)
REFERENCE_HEADER_MISSING = "thiếu cột {columns} ở dòng tiêu đề."
REFERENCE_VALUE_MISSING = "cột {column} để trống: ghi giá trị cho cột này."
REFERENCE_REPEATED = "{what} {value!r} đã có ở dòng {first}: mỗi {what} chỉ ghi một lần, xóa một trong hai dòng."
REFERENCE_BAD_DATE = "cột {column}: ngày {text!r} không đúng dạng YYYY-MM-DD."
REFERENCE_SPAN_REVERSED = "valid_to ({end}) trước valid_from ({start}): ngày kết thúc phải từ ngày bắt đầu trở đi."
REFERENCE_ONE_OF = "cột {column} là {value!r}, cần một trong: {allowed}."
REFERENCE_ROLE = "cột role là {role!r}; để trống, hoặc ghi {predecessor}."
REFERENCE_CLUSTER_UNKNOWN = "cụm {cluster!r} không có trong clusters.csv."
REFERENCE_TWO_CLUSTERS = (
    "đơn vị {code!r} thuộc cụm {cluster!r} từ {start} trong khi dòng {line} vẫn ghi nó thuộc cụm {other!r} đến "
    "{end}: mỗi đơn vị chỉ thuộc một cụm tại mỗi thời điểm; sửa valid_to của dòng {line} thành ngày trước {start}."
)
REFERENCE_OPEN_END = "nay"  # the end of what has no valid_to, in the messages above and below
REFERENCE_OPEN_START = "đầu"  # the start of what has no valid_from
REFERENCE_LABELS_OVERLAP = (
    "chỉ tiêu {code!r} có tên ghi từ {start} trong khi dòng {line} vẫn ghi tên của nó đến {end}: mỗi chỉ tiêu chỉ có "
    "một tên tại mỗi thời điểm; sửa valid_to của dòng {line} thành ngày trước ngày valid_from của dòng này."
)
REFERENCE_UNIT_UNKNOWN = "mã đơn vị {unit!r} không có trong units.csv."
REFERENCE_SUCCESSION_CYCLE = (
    "kế thừa vòng tròn {chain} (các dòng {lines}): một đơn vị không thể kế thừa đơn vị đã kế thừa nó."
)
REFERENCE_WHOLLY_TWICE = (
    "đơn vị {predecessor!r} đã được {other!r} kế thừa toàn bộ (dòng {line}) nên không thể được {unit!r} kế thừa nữa: "
    "nếu địa bàn được chia cho nhiều đơn vị, ghi part ở mỗi dòng."
)
REFERENCE_PREDECESSOR_ACTIVE = (
    "đơn vị được kế thừa {predecessor!r} vẫn hoạt động (units.csv không ghi valid_to của nó): ghi ngày kết thúc của "
    "đơn vị này, hoặc xóa dòng."
)
REFERENCE_SUCCESSION_DATES = (
    "đơn vị {unit!r} bắt đầu từ {start} nhưng đơn vị được kế thừa {predecessor!r} kết thúc ngày {end} (units.csv): "
    "đơn vị kế thừa bắt đầu đúng ngày sau ngày kết thúc của đơn vị được kế thừa."
)
REFERENCE_RULE_UNKNOWN = "quy tắc “{rule}” dùng mã chỉ tiêu không có trong indicators.csv: {codes}."
REFERENCE_DEADLINE_PERIOD = "kỳ {text!r} không phải một kỳ 6 tháng (dạng 2024H1 hoặc 2024H2)."
REFERENCE_TOML_SYNTAX = "lỗi cú pháp ({error})."
REFERENCE_TOML_DATE = "{key} phải là ngày dạng 2025-07-01."
REFERENCE_TOML_KEYS = "thiếu {keys} (xem chú thích đầu tệp)."
REFERENCE_TOML_TEXT = "{key} phải là một chuỗi chữ trong dấu nháy kép."
REFERENCE_TOML_LIST = '{key} phải là danh sách các dòng chữ, ví dụ ["Lưu Văn phòng Ban."].'
REFERENCE_TOML_SIGNER = "[organisation.{key}] chỉ gồm {keys}, mỗi mục là một chuỗi chữ (có thể để trống)."
REFERENCE_BODIES_OVERLAP = (
    "có hiệu lực đến {end}, chồng lên {other} bắt đầu từ {start}: cơ quan sau bắt đầu đúng ngày sau ngày kết thúc "
    "của cơ quan trước."
)
REFERENCE_BODIES_GAP = (
    "có hiệu lực đến {end} nhưng {other} từ {start} mới bắt đầu: giữa hai ngày không có cơ quan ban hành; cơ quan sau "
    "bắt đầu đúng ngày sau ngày kết thúc của cơ quan trước."
)
# What is named in REFERENCE_REPEATED, by file.
REFERENCE_KEY_NAMES = {
    "clusters.csv": "mã cụm",
    "indicators.csv": "mã chỉ tiêu",
    "rules.csv": "mã quy tắc",
    "deadlines.csv": "kỳ",
    "successions.csv": "cặp đơn vị",
}

# -- the wording files (bulletin.narrative: narrative.j2; model.site_wording: site.toml) ------------------------------
WORDING_MISSING = "Thiếu tệp lời văn {file} trong data/reference/."
WORDING_SYNTAX = "{file}, dòng {line}: lỗi cú pháp mẫu câu: {what}"
WORDING_AT_LINE, WORDING_IN_BLOCK = "dòng {line}", "mục {block}"
WORDING_FAILED = "{file}, {where}: {what} ({error})."
WORDING_FORBIDDEN = "mẫu câu dùng thuộc tính không được phép"
WORDING_UNDEFINED = "mẫu câu dùng một tên không có"
WORDING_BROKEN = "mẫu câu bị lỗi khi chạy"
WORDING_ENTRY_MISSING = "{file}: thiếu mục {key!r} trong {where}."
WORDING_MISSING_COUNT = "số liệu chưa báo cáo không viết thành số được: kiểm tra bằng `is missing` trước"
WORDING_ZERO_COUNT = "số 0 viết bằng chữ (“không … nào”): kiểm tra bằng `is zero` trước"
SITE_WORDING_TABLE, SITE_WORDING_TOP = "bảng [{table}]", "phần đầu tệp"
SITE_WORDING_NOT_UTF8 = "{file}: tệp lời văn phải được lưu dạng UTF-8."
SITE_WORDING_AT_LINE = ", dòng {line}"
SITE_WORDING_NOT_TEXT = '{file}: mục {entry} phải là lời văn trong dấu ngoặc kép ("…").'
SITE_WORDING_SYNTAX = '{file}{where}: lỗi cú pháp lời văn ({what}); mỗi mục viết dạng tên = "lời văn".'

# -- the templates (intake.template) --------------------------------------------------------------------------------
TEMPLATE_NOT_FOR_A_YEAR = "Mẫu báo cáo lập cho từng 6 tháng, không lập cho cả {label}: dùng kỳ {year}H1 hoặc {year}H2."

# -- a submission's file (intake.files, intake.sniff) ---------------------------------------------------------------
NO_SUBMISSION_FILES = "Thư mục chưa có tệp số liệu nào (.xlsx hoặc .csv)."
FILE_TOO_LARGE = "Tệp quá lớn ({size} MB, tối đa {limit} MB); không đọc."
FILE_EMPTY = "Tệp rỗng (0 byte). Gửi lại tệp có số liệu."
SUBMISSION_IS_A_LINK = (
    "Đây là một liên kết (symbolic link) tới nơi khác, không phải tệp trong thư mục: không đọc. "
    "Chép chính tệp số liệu vào thư mục này."
)
FILE_TYPE_UNSUPPORTED = "Loại tệp {suffix} không được hỗ trợ: gửi mẫu Excel (.xlsx) hoặc CSV."
# A spreadsheet of LibreOffice or OpenOffice, with the how-to an .xls gets (issue 24, part 5: explore's block).
ODS_NOT_READ = (
    "Tệp ở định dạng OpenDocument (.ods, của LibreOffice hoặc OpenOffice Calc), hệ thống chỉ đọc tệp .xlsx. Mở tệp "
    "bằng LibreOffice Calc, chọn Tệp → Lưu thành (File → Save As), kiểu tệp “Excel 2007-365 (.xlsx)”, bấm “Dùng "
    "định dạng Excel 2007-365!”, rồi gửi lại."
)
UNSUPPORTED_BY_SUFFIX = {".ods": ODS_NOT_READ}  # a file type refused with its own how-to (intake.files)
FILE_WITHOUT_SUFFIX = "(không đuôi)"
# the advice that ends the refusals of a file that is not a readable .xlsx
RESAVE = "Mở tệp bằng Excel, chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx), rồi gửi lại."
REFUSED = "hệ thống không đọc tệp này. Dùng lại mẫu gốc, nhập số liệu rồi gửi lại."
XLSX_ENCRYPTED = "Tệp có đặt mật khẩu mở tệp nên hệ thống không đọc được. Gỡ mật khẩu, lưu lại rồi gửi lại."
XLSX_OLD_FORMAT = "Tệp ở định dạng Excel 97-2003 (.xls), hệ thống chỉ đọc tệp .xlsx. " + RESAVE
XLSX_IS_TEXT = (
    "Tệp này là tệp văn bản (có thể là CSV) mang đuôi .xlsx, không phải sổ tính Excel. "
    "Nếu là CSV, đổi đuôi tệp thành .csv; nếu không, mở bằng Excel và lưu lại dạng .xlsx."
)
XLSX_UNKNOWN_FORMAT = "Tệp không phải sổ tính Excel .xlsx (không nhận ra định dạng). " + RESAVE
XLSX_BROKEN = "Tệp .xlsx bị hỏng, không mở được. " + RESAVE
XLSX_TOO_MANY_MEMBERS = "Tệp có {count} thành phần, quá nhiều đối với một mẫu báo cáo; " + REFUSED
XLSX_TOO_LARGE_UNZIPPED = (
    "Tệp khi giải nén lớn tới {size} MiB (giới hạn {limit} MiB), bất thường đối với một mẫu báo cáo; " + REFUSED
)
XLSX_MEMBER_OVERCOMPRESSED = (
    "Thành phần {member!r} của tệp bị nén bất thường (hơn {ratio} lần), có thể là tệp độc hại; " + REFUSED
)
XLSX_NOT_A_WORKBOOK = "Tệp nén không phải sổ tính Excel{kind}: thiếu phần {part}. " + RESAVE
XLSX_LOOKS_LIKE_WORD = " (có vẻ là tệp Word .docx)"
CSV_IS_ZIP = "Tệp có đuôi .csv nhưng thực chất là tệp nén hoặc Excel: đổi đuôi thành .xlsx hoặc xuất lại dạng CSV."
CSV_UTF16 = 'Tệp được lưu dạng Unicode UTF-16 ("Unicode Text"): lưu lại dạng "CSV UTF-8".'
CSV_BINARY = "Tệp có đuôi .csv nhưng không phải văn bản (có byte 0): xuất lại dạng CSV UTF-8."
CSV_LEGACY_ENCODING = (
    "Tệp dùng bảng mã cũ {encoding}, không phải Unicode: chuyển sang Unicode (ví dụ bằng Unikey) và lưu lại dạng "
    "CSV UTF-8."
)
CSV_NOT_UTF8 = 'Tệp không phải mã UTF-8 (byte lạ ở dòng {line}): lưu lại dạng "CSV UTF-8".'
CSV_LINE = "dòng {line}"  # where a problem of a CSV is: its line
CSV_HEADER_WRONG = "Dòng tiêu đề phải là {expected!r}, tệp có {found!r}."
CSV_HEADER_EMPTY = "(trống)"
CSV_WIDTH_WRONG = "Dòng có {width} cột, cần đúng {expected} cột ({columns})."
CSV_WIDTH_WRONG_KIND = "số cột không đúng"  # the kind of problem, for the line that stands for the many (FURTHER)
CSV_HEADER_ONLY = "Tệp chỉ có dòng tiêu đề, không có số liệu nào."
# The one line that stands for the many problems of a kind in a file, beyond the first ``listed``.
FURTHER = (
    "… và {count} dòng khác của tệp có cùng loại lỗi ({kind}), đến {last}: mỗi loại lỗi của một tệp chỉ được liệt "
    "kê {listed} lần đầu; sửa các dòng này như các lỗi đã liệt kê."
)

# -- a workbook (intake.workbook, intake.sheet) ---------------------------------------------------------------------
FILE_UNREADABLE = "Không đọc được tệp: {reason}."
WORKBOOK_UNREADABLE = "Không đọc được tệp Excel: {reason}. " + RESAVE
WORKBOOK_WITHOUT_SHEETS = "tệp không có trang tính nào"  # the reason, in WORKBOOK_UNREADABLE
FORMULA_NOT_COMPUTED = (
    "Ô {cell} chứa công thức nhưng chưa có giá trị đã tính. "
    "Mở tệp bằng Excel, lưu lại rồi gửi lại (hoặc nhập thẳng con số vào ô)."
)
UNIT_NOT_KNOWN, PERIOD_NOT_KNOWN = "mã đơn vị", "kỳ báo cáo"  # what is not known, in LABEL_NOT_FOUND, LABEL_BLANK
LABEL_NOT_FOUND = (
    "Không tìm thấy ô {label!r} ở cột A của trang {sheet!r}, nên không biết {what}. "
    "Dùng đúng mẫu báo cáo đã được gửi, không xóa các dòng thông tin ở đầu trang."
)
LABEL_BLANK = (
    "Ô {cell} ({label!r}) để trống, nên không biết {what}. "
    "Dùng đúng mẫu báo cáo đã được gửi, không xóa các ô đã điền sẵn."
)
TEMPLATE_VERSION_OLD = (
    "Tệp có {seen}, không phải mẫu hiện hành (phiên bản {versions}). "
    "Số liệu vẫn được đọc; kỳ sau hãy dùng mẫu mới của kỳ đó."
)
TEMPLATE_VERSION_SEEN = "phiên bản mẫu {version!r}"
TEMPLATE_VERSION_UNKNOWN = "không rõ phiên bản mẫu"
SUBMITTED_NOT_A_DATE = (
    "Ngày gửi báo cáo {found!r} không phải ngày (dạng ngày/tháng/năm); "
    "số liệu vẫn được đọc nhưng không xác định được báo cáo có gửi đúng hạn không."
)
HEADER_ROW_NOT_FOUND = (
    "Không tìm thấy dòng tiêu đề của bảng số liệu (ô {header!r}) trên trang {sheet!r}. "
    "Dùng đúng mẫu báo cáo đã được gửi, không xóa hay sửa dòng tiêu đề và cột mã chỉ tiêu."
)
VALUE_COLUMN_NOT_FOUND = (
    "Dòng tiêu đề của bảng (dòng {row}) không có cột {header!r}. "
    "Dùng đúng mẫu báo cáo đã được gửi, không đổi tên các cột."
)
NO_FIGURES = "Bảng số liệu không có chỉ tiêu nào (cột {header!r} trống). Dùng đúng mẫu báo cáo đã được gửi."

# issue 24, "intake24": a workbook with a link to another file (intake.workbook)
EXTERNAL_LINK_IGNORED = (
    "Tệp có liên kết tới tệp khác (external link){cells}: liên kết được bỏ qua, số liệu lấy theo giá trị Excel đã lưu "
    "khi tính lần cuối. Kiểm tra lại các ô đó; nên sao chép rồi dán giá trị (Paste Values) thay cho công thức liên kết."
)
EXTERNAL_LINK_CELLS = " ở ô {cells}"

# -- the checks of a figure (intake.validate) -----------------------------------------------------------------------
# A failed check of the schema, by the check's name; the fields are the row's columns (raw_period, raw_unit, unit,
# raw_indicator, raw_value…) and folder_period, example_unit, max_count.
CHECK_FAILED = {
    "period_of_folder": (
        "Kỳ báo cáo {raw_period!r} khác với kỳ của thư mục ({folder_period}): sửa kỳ, hoặc chuyển tệp vào thư mục "
        "data/raw/{raw_period}/."
    ),
    "unit_known": (
        "Đơn vị {raw_unit!r} không có trong danh mục đơn vị (data/reference/units.csv): ghi đúng mã đơn vị, ví dụ "
        "{example_unit!r}."
    ),
    "unit_active": (
        "Đơn vị {unit!r} không hoạt động trong kỳ {folder_period} (theo thời gian hiệu lực trong "
        "data/reference/units.csv)."
    ),
    "unit_reports": (
        "Đơn vị {unit!r} không báo cáo số liệu công tác dân vận (data/reference/units.csv: reports = no, như đặc khu "
        "không có Đảng ủy): xóa số liệu của đơn vị này (hoặc bỏ tệp nếu chỉ có đơn vị này); nếu đơn vị nay đã "
        "báo cáo, sửa units.csv."
    ),
    "indicator_known": (
        "Chỉ tiêu {raw_indicator!r} không có trong danh mục chỉ tiêu (data/reference/indicators.csv): ghi đúng mã chỉ "
        "tiêu, ví dụ 'van_ban'."
    ),
    "indicator_of_period": (
        "Chỉ tiêu {raw_indicator!r} không có trong mẫu báo cáo kỳ {folder_period} (chỉ tiêu này được báo cáo {span}): "
        "để trống ô này, hoặc bỏ dòng này khỏi tệp CSV."
    ),
    "is_number": "Giá trị '{raw_value}' không phải là số: nhập số nguyên không âm, hoặc để trống nếu chưa có số liệu.",
    "not_negative": "Giá trị '{raw_value}' là số âm: số liệu phải là số nguyên không âm.",
    "whole": "Giá trị '{raw_value}' không phải số nguyên: số liệu là số đếm, nhập số nguyên không âm.",
    "too_large": (
        "Giá trị '{raw_value}' quá lớn cho một số đếm (tối đa {max_count}): kiểm tra lại, có thể gõ thừa chữ số."
    ),
}
PERIOD_OF_FILE_INVALID = "Kỳ báo cáo {raw_period!r} không hợp lệ: ghi {period} (dạng 2024H1 hoặc 2024H2)."
SAME_ON_MORE_ROWS = "{message} (và {count} dòng khác có cùng lỗi)"
TYPED_TWICE = "Số liệu bị nhập hai lần trong cùng tệp (đã có ở {first}): xóa một trong hai."
# -- issue 24, "intake24": which unit a file is (intake.identity: file names, duplicates, chon-bao-cao.csv) ----------
CHOICES_FILE = "chon-bao-cao.csv"  # in data/raw/<PERIOD>/: the analyst's decisions about files; not a submission
CHOICES_HOWTO = (
    "Hỏi lại các đơn vị, rồi ghi quyết định vào tệp {choices} (cột file,unit,decision,reason; decision là "
    "'dùng' — tệp là báo cáo của đơn vị ghi ở cột unit — hoặc 'bỏ qua'; reason ghi lý do), rồi chạy lại."
)
NAMED_FILE = "{file} (tên tệp: {named})"  # a file and the unit its name suggests, in a side-by-side list
NAMED_NOBODY = "không rõ đơn vị"
NAME_NOT_TEMPLATE = (
    "Tên tệp là của {named}, nhưng mẫu trong tệp (ô {cell}) là của {unit}: có thể {named_short} đã điền nhầm mẫu "
    "của {unit_short}, hoặc tệp bị đặt nhầm tên."
)
NAME_NOT_TEMPLATE_AWAITED = (
    NAME_NOT_TEMPLATE + " {named_short} chưa gửi báo cáo kỳ này: nếu {named_short} điền nhầm mẫu, số liệu của "
    "{named_short} sẽ bị công bố thành của {unit_short}. {howto}"
)
UNIT_IN_TWO_FILES = (
    "Đơn vị đã có báo cáo kỳ này trong tệp {file}, cùng số liệu: chỉ đọc một lần (tệp {file}). Nên xóa bớt một tệp."
)
UNIT_IN_FILES_DIFFERING = (
    "Đơn vị có {count} báo cáo khác nhau kỳ này: {files}. Số liệu khác nhau (theo thứ tự các tệp): "
    "{differences}.{awaited} {howto}"
)
DIFFERENCE = "{indicator}: {values}"  # one indicator's figures, file by file, in the order of the files
DIFFERENCE_VALUES_JOIN = " / "
DIFFERENCES_JOIN = "; "
FILES_JOIN = " và "
DIFFERENCE_ABSENT = "(không có)"
DIFFERENCE_BLANK = "(để trống)"
AWAITED_NAMED = " {named}, có tên trong tệp {file}, chưa gửi báo cáo: có thể tệp đó là của {named_short}."
CHOICE_READ_AS = "Tệp được đọc là báo cáo của {unit} ({unit_code}) theo quyết định ở {choices} {line}: {reason}"
CHOICE_READ_AS_TEMPLATE = " (mẫu trong tệp là của {template})"
CHOICE_IGNORED = "Tệp không được đọc theo quyết định ở {choices} {line}: {reason}"
CHOICES_HEADER_WRONG = (
    "Dòng tiêu đề của {choices} phải là 'file,unit,decision,reason' (hoặc 'tệp,đơn vị,quyết định,lý do'), "
    "nhưng là '{found}'."
)
CHOICE_NO_SUCH_FILE = "Không có tệp {file!r} trong thư mục {folder}: ghi đúng tên tệp (cả phần mở rộng, ví dụ .xlsx)."
CHOICE_DECISION_UNKNOWN = "Quyết định {decision!r} không hiểu được: ghi 'dùng' hoặc 'bỏ qua'."
CHOICE_UNIT_UNKNOWN = (
    "Đơn vị {unit!r} không có trong danh mục đơn vị hoạt động kỳ {period}: ghi mã đơn vị (ví dụ x-da-ban) hoặc tên."
)
CHOICE_UNIT_MISSING = "Quyết định 'dùng' cần cột unit: tệp là báo cáo của đơn vị nào."
CHOICE_UNIT_NOT_FOR_IGNORE = "Quyết định 'bỏ qua' không cần cột unit; để trống cột unit ({unit!r})."
CHOICE_REASON_MISSING = "Thiếu lý do (cột reason): ghi vì sao, ví dụ 'Đá Bàn điền nhầm mẫu, đã gọi điện xác nhận'."
CHOICE_FILE_TWICE = "Tệp {file!r} đã có quyết định ở {first}: mỗi tệp chỉ một quyết định."
CHOICE_MANY_UNITS = "Tệp {file!r} có số liệu của {count} đơn vị: 'dùng' chỉ áp dụng cho tệp của một đơn vị."
# What each kind of problem is, by check, for the one line that stands for the many of a file (FURTHER).
KIND_OF_PROBLEM = {
    "period_of_folder": "kỳ báo cáo không đúng",
    "unit_known": "đơn vị không có trong danh mục",
    "unit_active": "đơn vị không hoạt động trong kỳ",
    "unit_reports": "đơn vị không báo cáo",
    "indicator_known": "chỉ tiêu không có trong danh mục",
    "indicator_of_period": "chỉ tiêu không có trong mẫu báo cáo của kỳ",
    "is_number": "giá trị không phải là số",
    "not_negative": "số âm",
    "whole": "không phải số nguyên",
    "too_large": "số quá lớn",
    "repeated": "số liệu nhập hai lần",
    "other_file": "đơn vị đã có báo cáo trong tệp khác",
}

INDICATOR_FROM = "từ {date}"  # when an indicator is on the form (validate.indicator_span)
INDICATOR_TO = "đến {date}"

# -- who reported (intake.completeness) ----------------------------------------------------------------------------
UNIT_NOT_SENT_STRICT = "Đơn vị chưa gửi báo cáo kỳ {period} (chế độ STRICT=1 yêu cầu đủ mọi đơn vị)."
UNIT_NOT_SENT = "Đơn vị chưa gửi báo cáo kỳ {period}{by_deadline}: số liệu tổng hợp chưa gồm đơn vị này."
BY_DEADLINE = " (hạn gửi {date})"
FIGURE_BLANK = "Số liệu để trống: được coi là chưa báo cáo, không tính là 0 (nếu số liệu là 0, ghi 0)."
SENT_LATE = "Đơn vị gửi báo cáo {date}, sau hạn gửi ({deadline})."  # the date its workbook gives
NO_DEADLINE = (
    "Kỳ {period} chưa có hạn gửi báo cáo trong data/reference/deadlines.csv, nên chưa biết đơn vị nào gửi muộn: "
    "thêm dòng {period},YYYY-MM-DD (ngày hạn gửi) rồi chạy lại."
)

# -- the tally of a check, the same in the terminal, validation.html and validation.csv (model.tally; onepass) -----
TALLY_FAILED = "Số liệu{of_period} chưa hợp lệ: {errors} lỗi cần sửa{warnings}."
TALLY_AND = "; {warnings}"
TALLY_WARNINGS = "Kiểm tra số liệu{of_period}: không có lỗi; {warnings}."
TALLY_CLEAN = "Kiểm tra số liệu{of_period}: không có lỗi, không có cảnh báo."
TALLY_DETAILS = "{line} (chi tiết: {report})."
TALLY_AWAITED = "{count} đơn vị chưa gửi báo cáo"
TALLY_BLANKS = "{count} số liệu để trống"
TALLY_LATE = "{count} đơn vị gửi muộn"
TALLY_OTHER = "{count} cảnh báo khác"
TALLY_JOIN = ", "
TALLY_LATE_UNITS = "Gửi muộn: {units}."

# -- the rules (intake.rules) ---------------------------------------------------------------------------------------
RULE_BROKEN = "{message} ({left}: {left_value}; {right}: {right_value})"  # the message is the rule's, rules.csv
RULE_OPERATOR_UNKNOWN = "rules.csv: toán tử {operator!r} của quy tắc “{rule}” không được hỗ trợ."

# -- the problems of a half-year, in the terminal (model.errors) ----------------------------------------------------
SUBMISSIONS_INVALID = "{count} lỗi trong số liệu gửi về"
PROBLEMS_OF_PERIOD = " kỳ {period}"  # model.tally
PROBLEMS_FILE = "Tệp {file}:"
PROBLEM_LINE = "  - {severity}{where}: {message}{about}"
PROBLEM_ERROR, PROBLEM_WARNING = "Lỗi", "Cảnh báo"
PROBLEM_WHERE = " {location}"  # "Lỗi Số liệu!D16: …"; without a location, "Cảnh báo: …"
PROBLEM_ABOUT = " [{about}]"  # the unit and the indicator
PROBLEMS_HIDDEN_ERRORS = "{count} lỗi"
PROBLEMS_HIDDEN_WARNINGS = "{count} cảnh báo"
PROBLEMS_HIDDEN = "… và {hidden} khác{where}"
PROBLEMS_LISTED_IN = ", xem {report}"

# -- the analysts' table (explore) ----------------------------------------------------------------------------------
PERIOD_LEFT_OUT = "Bỏ qua kỳ {period} (không có trong bảng): số liệu gửi về có {count} lỗi cần sửa."
PERIOD_LEFT_OUT_MORE = "  … và {count} lỗi khác."
PERIOD_LEFT_OUT_OTHERS = "Các kỳ khác vẫn được nạp. Gọi explore.load(..., strict=True) để dừng lại khi có lỗi."
PERIOD_NOT_SHOWN = "Kỳ {period} không có trong bảng: các bảng một kỳ (mục 3 đến 10) dùng kỳ {shown}."
PERIOD_WITHOUT_SUBMISSIONS = "Kỳ {period} chưa có số liệu: không có thư mục {folders}. Các kỳ đã có số liệu: {listed}."
NO_PERIOD_WITH_SUBMISSIONS = "chưa có kỳ nào"

# The explore helpers (explore: top_units, top_units_against_earlier, unit_history, late_units, unit_values) — part 3
# of issue 24: what they refuse (model.errors.NotInPeriodError), what they print, their tables' column names.
EXPLORE_NO_PERIOD = "Chưa có kỳ nào có số liệu: thư mục data/raw/ chưa có thư mục kỳ nào (ví dụ data/raw/2026H1/)."
EXPLORE_OPENING = (
    "Kỳ mới nhất có số liệu: {label} ({period}). Cơ cấu của kỳ: {units} đơn vị báo cáo ({kinds}) trong {clusters} "
    "cụm{silent}."
)
EXPLORE_SILENT = "; {names} không báo cáo"  # the units that never report (Hoàng Sa)
EXPLORE_KIND_COUNT = "{count} {kind}"
EXPLORE_CLOSE = " (có phải {names}?)"  # the codes nearest to a mistyped one
EXPLORE_UNIT_UNKNOWN = (
    "Không có đơn vị {unit!r} trong danh mục (data/reference/units.csv){close}: dùng mã đơn vị (cột code), ví dụ "
    "{example!r}, hoặc tên ngắn (cột short_name)."
)
EXPLORE_UNIT_NOT_ACTIVE = (
    "Đơn vị {name} ({unit}) không hoạt động trong kỳ {period} ({label}): đơn vị hoạt động {span}, nên kỳ này không "
    "có số liệu của đơn vị."
)
EXPLORE_UNIT_WITHOUT_FIGURES = (
    "Đơn vị {name} ({unit}) hoạt động {span}, nhưng chưa có kỳ nào có số liệu trong thời gian đó (các kỳ đã có số "
    "liệu: {listed})."
)
EXPLORE_UNIT_NEVER_REPORTS = (
    "Đơn vị {name} ({unit}) không báo cáo số liệu công tác dân vận (data/reference/units.csv: reports = no), nên "
    "không có số liệu nào."
)
EXPLORE_INDICATOR_UNKNOWN = (
    "Không có chỉ tiêu {indicator!r} trong danh mục (data/reference/indicators.csv){close}. Các chỉ tiêu kỳ {period}: "
    "{codes}."
)
EXPLORE_INDICATOR_NOT_IN_PERIOD = (
    "Chỉ tiêu {indicator!r} ({label}) không có trong mẫu báo cáo kỳ {period} ({period_label}): chỉ tiêu này được "
    "báo cáo {span}, nên kỳ này không có số liệu của nó."
)
EXPLORE_YEAR_REORGANISED = (
    "Năm {year} có sắp xếp lại đơn vị ({date}): {count} đơn vị chỉ hoạt động một phần năm, nên không có số liệu cả "
    "năm của từng đơn vị. Xem từng kỳ 6 tháng ({halves}); so sánh với các đơn vị trước sắp xếp theo địa bàn: "
    "explore.top_units_against_earlier(…)."
)
EXPLORE_YEAR_INCOMPLETE = (
    "Năm {year} mới có số liệu {have}: số liệu cả năm là tổng hai kỳ 6 tháng, nên chưa có (thiếu thư mục {missing}). "
    "Dùng kỳ {have_code}."
)
EXPLORE_PERIOD_LEFT_OUT = (
    "Số liệu kỳ {period} chưa hợp lệ nên không có trong bảng (xem cảnh báo ở trên và "
    "data/failed-validation/{period}/validation.html): sửa các lỗi rồi chạy lại."
)
EXPLORE_NO_DEADLINE = (
    "Kỳ {period} chưa có hạn gửi trong data/reference/deadlines.csv: chỉ liệt kê các đơn vị chưa gửi; thêm dòng "
    "“{period},YYYY-MM-DD” để biết đơn vị nào gửi muộn."
)
EXPLORE_UNIT_SPAN = "từ {start} đến {end}"
EXPLORE_UNIT_SPAN_OPEN = "từ {start}"
EXPLORE_LATE, EXPLORE_NOT_SENT = "gửi muộn", "chưa gửi"
EXPLORE_SAME_UNIT = "cùng đơn vị"
EXPLORE_SAME_TERRITORY = "cùng địa bàn với {units} trước sắp xếp"
EXPLORE_SHARED_TERRITORY = (
    "không so sánh riêng được: địa bàn của {earlier} nay chia cho {count} đơn vị; cả địa bàn: {now} so với {before}"
)
EXPLORE_NOT_SHOWN = "chưa báo cáo"  # a comparison with a figure missing on one side
# The columns of the helpers' tables (explore.COLUMNS names them by what they hold).
EXPLORE_COLUMNS = {
    "rank": "Hạng",
    "unit": "Mã đơn vị",
    "unit_name": "Đơn vị",
    "cluster_name": "Cụm",
    "indicator_label": "Chỉ tiêu",
    "change": "Tăng, giảm so với {label}",
    "basis": "So sánh với {label}",
    "status": "Tình trạng",
    "submitted": "Ngày gửi",
    "deadline": "Hạn gửi",
    "days_late": "Số ngày muộn",
    "file": "Tệp",
    "units": "Số đơn vị báo cáo",
    "silent": "Không báo cáo",
    "total": "Tổng",
}

# -- the analysts' guide (guide: make guide-images, make guide; part "guide" of issue 24) ---------------------------
GUIDE_WRITTEN = "Đã ghi {path}"
GUIDE_TOOLS_MISSING = (
    "Không chụp được hình cho hướng dẫn: máy thiếu {tools} (Debian/Ubuntu: apt install chromium poppler-utils "
    "libreoffice-calc). Hướng dẫn vẫn dùng các hình đã có trong docs/huong-dan/hinh/."
)

# -- the meeting notes (bulletin.notes) -----------------------------------------------------------------------------
NOTES_NOT_UTF8 = "{file}, dòng {line}: tệp ghi chú không phải mã UTF-8: lưu lại dạng UTF-8."
NOTES_IMAGE = "{alt} (ảnh: {address})"  # an image of the notes, shown as text: the bulletins load nothing
NOTES_UNREADABLE = (
    "{file}, dòng {line}, cột {column}: ký tự {code} không phải chữ (ký tự điều khiển, đảo chiều hoặc không hợp lệ)"
    "{more}: xóa nó đi rồi chạy lại."
)
NOTES_UNREADABLE_MORE = " và {count} ký tự như vậy ở sau"
NOTES_FRONT_VALUE_INVALID = (
    "{file}, dòng {line}: {key} ghi {value!r}, không đọc được ({what}): sửa lại, ngày theo dạng YYYY-MM-DD."
)
NOTES_FRONT_UNREADABLE = (
    "{file}, dòng {line}: {key} chứa ký tự {code} không phải chữ (ký tự điều khiển, đảo chiều hoặc không hợp lệ): "
    "xóa nó đi rồi chạy lại."
)
NOTES_FRONT_NOT_KEYS = "{file}: phần đầu (giữa hai dòng ---) phải là các dòng “khóa: giá trị”."
NOTES_FRONT_NOT_YAML = "{file}{where}: phần đầu (giữa hai dòng ---) không đúng cú pháp YAML ({what}{began})."
NOTES_FRONT_STOPPED_AT = ", dòng {line}"  # where the YAML parser stopped
NOTES_FRONT_BEGAN_AT = "; bắt đầu từ dòng {line}"  # where what it was reading began
NOTES_MEETING_DATE_INVALID = "{file}: meeting_date phải có dạng YYYY-MM-DD, tệp ghi {date!r}."

# -- a report (render.pipeline, render.batch, cli) ------------------------------------------------------------------
UP_TO_DATE = "Bản tin {period} đã mới nhất: không có gì thay đổi từ lần chạy trước."
PLAN = "Bản tin {period}: {todo}/{planned} cần làm lại, {workers} tiến trình"
RENDERED_ONE = "  {period} {scope:<12} {seconds:>5} s  {result}"
RENDERED_OK, RENDERED_FAILED = "xong", "LỖI"
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
RENDER_FAILURES = "{count} bản tin không làm được"  # model.errors.RenderError

FAILED_VALIDATION_WRITTEN = "Báo cáo kiểm tra chi tiết: {page}"
FAILED_VALIDATION_NOT_WRITTEN = "(Không lưu được báo cáo kiểm tra chi tiết: {reason})"
NO_CLUSTER_FOR_BULLETIN = "Không có cụm {cluster!r} trong data/reference/clusters.csv."
KERNEL_NOT_STARTED = (
    "Không khởi động được kernel Jupyter “{kernel}” để chạy sổ tay ({error}). Chi tiết trong .bantin/{log}; chạy lại "
    "make để cài đặt lại môi trường (.venv)."
)
KERNEL_STOPPED = "kernel đã dừng"
KERNEL_CODE_FAILED = "kernel không chạy được {code!r}: {error}"
CELL_FAILED = "lỗi khi chạy ô “{cell}”"  # an error IPython could not name

# -- issuing a period (model.register, build.issues, render.issue: make issue; issue 25) ----------------------------
REGISTER_NOT_UTF8 = "{file}: không đọc được (cần lưu dạng CSV UTF-8)."
REGISTER_LINE_INVALID = (
    "{file}, dòng {line}: không đọc được dòng này của sổ phát hành (cần period, number, symbol, date dạng 2027-01-05, "
    "party_committee, term, replaces, partial là yes hoặc no, folder)."
)
# make issue's refusals (render.issue), one line each, in the order an analyst fixes them; then what it did.
ISSUE_FAILED = (
    "Chưa phát hành kỳ {label}: số liệu {half} còn lỗi (xem {report}); sửa rồi chạy make report PERIOD={period}."
)
ISSUE_BEHIND = (
    "Chưa phát hành kỳ {label}: bản dự thảo trong outputs/{period}/ chưa theo kịp số liệu, tham chiếu hay ghi chú hiện "
    "có; chạy make report PERIOD={period}, đọc lại rồi phát hành."
)
ISSUE_UNRESOLVED = (
    "Chưa phát hành kỳ {label}: còn {count} tệp chưa rõ là báo cáo của đơn vị nào (xem {page}); ghi quyết định vào "
    "chon-bao-cao.csv rồi chạy make report."
)
ISSUE_AWAITED = (
    "Chưa phát hành kỳ {label}: còn {count} đơn vị chưa gửi báo cáo ({units}); muốn phát hành khi chưa đủ thì chạy "
    "make issue PERIOD={period} PARTIAL=1."
)
ISSUE_AND_MORE = " và {count} đơn vị khác"
ISSUE_DATE_INVALID = "DATE={text} không phải một ngày dạng 2027-01-05."
ISSUE_DATE_BEFORE_END = "Không phát hành kỳ {label} ngày {date}: kỳ chưa kết thúc (đến hết ngày {end})."
ISSUE_DATE_FUTURE = "Không phát hành ngày {date}: ngày đó chưa đến (hôm nay là {today})."
ISSUE_DATE_BEFORE_LAST = (
    "Không phát hành ngày {date}: sổ phát hành đã có số {last} ngày {last_date}, các số phải theo thứ tự ngày."
)
ISSUE_NO_SYMBOL = (
    "{body} (ngày {date}) chưa có ký hiệu văn bản: thêm document_symbol vào data/reference/organisation.toml."
)
ISSUE_NO_TERM = (
    "Chưa có nhiệm kỳ của {committee} vào ngày {date}: thêm một bảng [[term]] vào data/reference/organisation.toml."
)
ISSUE_WHOLE_PERIOD = "make issue phát hành cả kỳ (mọi cụm và toàn thành phố): bỏ CLUSTER={cluster}."
ISSUE_NOTHING_CHANGED = (
    "Kỳ {label} đã phát hành số {reference} ngày {date}; không có gì thay đổi từ đó: không phát hành lại."
)
ISSUE_SAYS_THE_SAME = (
    "Kỳ {label} đã phát hành số {reference} ngày {date}; số liệu và lời văn các bản tin không đổi từ đó: không phát "
    "hành lại."
)
ISSUE_DONE = "Đã phát hành kỳ {label}: số {reference} ngày {date}, {count} bản tin và tập bản tin trong {folder}/."
ISSUE_CORRECTION_DONE = (
    "Đã phát hành đính chính cho số {replaced}: số {reference} ngày {date}, thông báo đính chính và {count} bản tin "
    "thay thế trong {folder}/."
)
ISSUE_KEEP_IN_GIT = (
    "Thư mục và sổ phát hành là hồ sơ của cơ quan, không bao giờ bị ghi đè: đưa vào git "
    "(git add {folder} {register} && git commit)."
)
ISSUE_REBUILT = "Dựng lại số {reference} ngày {date} theo sổ phát hành vào {folder}/, từ đúng dữ liệu khi phát hành."
ISSUE_REBUILD_DIFFERS = (
    "Thư mục {folder} của số {reference} không còn, và dữ liệu hay mã nguồn nay đã khác khi phát hành: lấy lại thư "
    "mục từ git (git checkout -- {folder}) chứ không dựng lại."
)
ISSUE_REBUILD_NEEDS = "Không dựng lại được số {reference}: cần thư mục {folder} của số mà nó đính chính."
ISSUE_FOLDER_EXISTS = "Đã có thư mục {folder}: bản đã phát hành không bao giờ bị ghi đè."
ISSUE_NOT_WRITTEN = "Không ghi được {folder} ({error}): chưa phát hành, sổ phát hành giữ nguyên."

# -- issue 25, index25: what the terminal says of an issued period after a report (render.outputs.issue_line) -----
# "Kỳ 6 tháng đầu năm 2026 đã phát hành số 07-BT/BTGDVTU ngày 05/01/2027; …" (the latest issue of the period,
# build.issues.standing); then whether its figures changed since (figures: how many; units: of how many units).
ISSUED_AND_CHANGED = (
    "Kỳ {label} đã phát hành số {reference} ngày {date}; số liệu đã thay đổi từ đó: {figures} số liệu của {units}"
    " đơn vị"
)
ISSUED_AND_UNCHANGED = "Kỳ {label} đã phát hành số {reference} ngày {date}; số liệu không thay đổi từ đó"
# The index rewritten on its own after an issue (render.index_refresh.refresh_index).
INDEX_REFRESHED = "Đã cập nhật {index}."

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
