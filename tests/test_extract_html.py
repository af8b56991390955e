"""HTML: the page's main text only, paragraphs as lines, tables as tab-separated rows; vbpl.vn pages read
as well as their text versions."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from extract import extract
from outputs.run.build import process
from outputs.run.language import flag_language
from outputs.run.result import DocumentResult
from tests.paths import SHARED

VBPL = SHARED / "real-files"
# Each page beside the text version of the same document.
PAGES = {
    "vbpl_ND76-2026-ND-CP_doc_000194.html": "chinh_phu_2026_ND76_sua_doi_ND125_xu_phat_BDG.txt",
    "vbpl_QD51-2025-QD-TTg_doc_000551.html": "ttg_2025_QD51_bo_tieu_chi_NTM_2026_2030.txt",
}
PAGE = """<!DOCTYPE html><html><head><title>Cổng thông tin</title><style>p {color: red}</style>
<script>var menu = "Trang chủ";</script></head>
<body><nav><a href="/">Trang chủ</a> <a href="/vb">Văn bản</a></nav>
<header>Cơ sở dữ liệu quốc gia</header>
<div class="menu">Tin mới</div>
<div class="content">
<table><tr><td><b>ỦY BAN NHÂN DÂN<br>TỈNH LAI CHÂU</b></td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>
<tr><td>Số: 12/KH-UBND</td><td><i>Lai Châu, ngày 05 tháng 12 năm 2025</i></td></tr></table>
<p>KẾ   HOẠCH</p>
<p>Thực hiện <span>Chiến lược</span> quốc gia<br/>về bình đẳng giới</p>
<div style="display:none">Ẩn đi</div>
<table border="1"><thead><tr><th>TT</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Thời gian</th></tr></thead>
<tbody><tr><td rowspan="2">1</td><td><p>Rà soát</p><p>văn bản</p></td><td>Sở Tư pháp</td><td>2026</td></tr>
<tr><td>Tuyên truyền</td><td>Sở Văn hóa</td><td>Hằng năm</td></tr></tbody></table>
<p>Nơi nhận: như trên.</p>
</div>
<footer>Bản quyền</footer></body></html>"""


def test_page_main_text_paragraphs_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "ke_hoach.txt"  # HTML whatever the name
    path.write_text(PAGE, encoding="utf-8")
    document = extract(path)
    assert document.format == "html (lxml)"
    assert document.text.split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LAI CHÂU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 12/KH-UBND",
        "Lai Châu, ngày 05 tháng 12 năm 2025",
        "KẾ HOẠCH",
        "Thực hiện Chiến lược quốc gia",
        "về bình đẳng giới",
        "TT\tNội dung\tCơ quan chủ trì\tThời gian",
        "1\tRà soát văn bản\tSở Tư pháp\t2026",
        "\tTuyên truyền\tSở Văn hóa\tHằng năm",
        "Nơi nhận: như trên.",
    ]
    (table,) = document.tables  # the header table is layout, read as lines
    assert document.text[table.start : table.end] == "\n".join("\t".join(row) for row in table.rows)


def test_word_html_declared_charset_under_a_doc_name(tmp_path: Path) -> None:
    path = tmp_path / "bao_cao.doc"
    page = '<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1258"></head>' \
           "<body><p>B\xe1o c\xe1o</p></body></html>"
    path.write_bytes(page.encode("latin-1"))
    document = extract(path)
    assert (document.format, document.text) == ("html (lxml)", "Báo cáo")


@cache
def result(folder: str, name: str) -> DocumentResult:
    return flag_language(process(VBPL / folder / name))


@pytest.mark.parametrize("page", PAGES)
def test_vbpl_page_reads_like_its_text_version(page: str) -> None:
    html, text = result("vbpl_html", page), result("vbpl_text", PAGES[page])
    assert (html.document.status, html.document.reason) == ("ok", None)
    assert html.document.doc_number == text.document.doc_number
    assert html.document.issuer == text.document.issuer
    assert html.document.title == text.document.title
    cited = [(r.ref_type, r.number, r.issue_date, r.issuer, r.title) for r in html.findings["references"]]
    assert cited == [(r.ref_type, r.number, r.issue_date, r.issuer, r.title) for r in text.findings["references"]]
    assert len(html.findings["targets"]) == len(text.findings["targets"])


@pytest.mark.parametrize(
    ("page", "date", "signer"),
    [
        ("vbpl_ND76-2026-ND-CP_doc_000194.html", "2026-03-16", "Phạm Thị Thanh Trà"),
        ("vbpl_QD51-2025-QD-TTg_doc_000551.html", "2025-12-29", "Trần Hồng Hà"),
    ],
)
def test_vbpl_page_metadata_and_clean_tables(page: str, date: str, signer: str) -> None:
    """The header and signature tables are read in reading order, so the date and signer are found (the
    text versions, with the header as one tab-separated row, give neither)."""
    found = result("vbpl_html", page)
    assert (str(found.document.issue_date), found.document.signer_name) == (date, signer)
    assert found.text is not None
    assert "<" not in found.text.raw_text and "</" not in found.text.normalized_text
    assert "restore_glyphs" not in found.document.normalize_steps
    document = extract(VBPL / "vbpl_html" / page)
    assert document.tables or page.startswith("vbpl_ND76")
    assert not any("<" in cell or ">" in cell for table in document.tables for row in table.rows for cell in row)
