"""A warning says what the rules missed: a header field neither read nor left blank, figures of the
objectives section none of which is read as a target. A document without a header misses no header field."""
from __future__ import annotations

import pytest

from rules import metadata, outline
from rules.context import Context
from rules.metadata import HeaderShape, header_shape
from rules.pipeline import NO_ISSUE_DATE, NO_ISSUER, NO_TARGET, document_warnings, run

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\nI. MỤC TIÊU\n", HeaderShape(False, False, False)),
        ("1. Một số chỉ tiêu tổng hợp\nSố TT\tTên chỉ tiêu\tĐơn vị tính\n", HeaderShape(False, False, False)),
        ("Mẫu số 5\nTên đơn vị: " + MOTTO + "....., ngày tháng năm\nBÁO CÁO ĐỊNH KỲ\n", HeaderShape(True, True, True)),
        ("Tên đơn vị: Công ty Sao Mai\n" + MOTTO + "ngày 3 tháng 5 năm 2009\n", HeaderShape(True, False, False)),
        ("ỦY BAN NHÂN DÂN\nSố: /KH-UBND\nKẾ HOẠCH\n", HeaderShape(True, False, False)),
        ("cộng hòa xã hội chủ nghĩa việt nam\nKẾ HOẠCH\n", HeaderShape(True, False, False)),
    ],
)
def test_header_shape(text: str, shape: HeaderShape) -> None:
    assert header_shape(text) == shape


@pytest.mark.parametrize(
    ("text", "warnings"),
    [
        ("KẾ HOẠCH\nThực hiện công tác bình đẳng giới năm 2025\n", ()),
        ("ỦY BAN NHÂN DÂN\nHUYỆN MƯỜNG TÈ\nSố: 12/KH-UBND\nKẾ HOẠCH\nThực hiện công tác\n", (NO_ISSUE_DATE,)),
        (MOTTO + "Hà Nội, ngày 3 tháng 5 năm 2009\nKẾ HOẠCH\nThực hiện công tác\n", (NO_ISSUER,)),
        ("KẾ HOẠCH\nThực hiện\nI. MỤC TIÊU\nXây dựng nền hành chính dân chủ, trong sạch.\n", ()),
        ("KẾ HOẠCH\nThực hiện\nI. MỤC TIÊU\n1. Phấn đấu tỷ lệ nữ đạt trên 30%.\nII. NHIỆM VỤ\n", ()),
        ("BÁO CÁO\nI. Đánh giá kết quả thực hiện mục tiêu 5 năm\nTăng trưởng đạt 7,2%.\n", ()),
        ("KẾ HOẠCH\nI. QUAN ĐIỂM, MỤC TIÊU\nTỷ lệ nữ đạt trên 30%.\nII. NHIỆM VỤ\n", ()),
    ],
)
def test_warnings_say_what_was_missed(text: str, warnings: tuple[str, ...]) -> None:
    assert run(text).warnings == warnings


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("KẾ HOẠCH\nThực hiện\nI. MỤC TIÊU\n1. Phấn đấu tỷ lệ nữ đạt trên 30%.\nII. NHIỆM VỤ\n", True),
        ("KẾ HOẠCH\nI. QUAN ĐIỂM, MỤC TIÊU\nTỷ lệ nữ đạt trên 30%.\nII. NHIỆM VỤ\n", True),
        ("KẾ HOẠCH\nThực hiện\nI. MỤC TIÊU\nXây dựng nền hành chính dân chủ, trong sạch.\n", False),
        ("KẾ HOẠCH\nThực hiện công tác năm 2025: 30% xã.\n", False),
    ],
)
def test_figures_in_the_objectives_that_no_target_was_read_from_are_a_warning(text: str, warned: bool) -> None:
    """The rules now read these figures; the warning is for a layout whose figures they would not."""
    context = Context(text, metadata.parse(text), outline.parse(text))
    assert (NO_TARGET in document_warnings(context, ())) is warned
