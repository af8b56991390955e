"""Document metadata of each seed, read by hand from its header, title and signature block."""
from __future__ import annotations

import dataclasses
from datetime import date
from functools import cache

import pytest

from rules.findings import DocumentMeta
from rules.metadata import parse
from rules.vocab import values
from tests.paths import SEEDS
from tests.seeds import normalized_seed

TRUTH = {
    # Header "ỦY BAN NHÂN DÂN / TỈNH LAI CHÂU", "Số: /KH-UBND" and "ngày tháng 12 năm 2025" left blank.
    "000": DocumentMeta(
        title="KẾ HOẠCH Thực hiện Chiến lược quốc gia về Bình đẳng giới giai đoạn 2026-2030 trên địa bàn tỉnh Lai Châu",
        issuer="UBND tỉnh Lai Châu", admin_level="province", province="Lai Châu",
        issue_year=2025, issue_month=12, period_start=2026, period_end=2030,
        signer_name="Tống Thanh Hải", signer_title="PHÓ CHỦ TỊCH",
    ),
    # Appendix "(Ban hành kèm theo Kế hoạch số /KH-UBND ngày /4/2026 của UBND tỉnh Lai Châu)"; no signature.
    "001": DocumentMeta(
        title="PHỤ LỤC: NHIỆM VỤ THỰC HIỆN CÔNG TÁC BÌNH ĐẲNG GIỚI VÀ VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ NĂM 2026",
        issuer="UBND tỉnh Lai Châu", admin_level="province", province="Lai Châu",
        issue_year=2026, issue_month=4, period_start=2026, period_end=2026,
    ),
    # No header, number or date; "UBND huyện Mường Tè xây dựng Kế hoạch", parent "UBND tỉnh Lai Châu".
    "002": DocumentMeta(
        title="KẾ HOẠCH Thực hiện công tác bình đẳng giới và Vì sự tiến bộ của phụ nữ"
        " trên địa bàn huyện Mường Tè năm 2025",
        issuer="UBND huyện Mường Tè", admin_level="district", province="Lai Châu", district="Mường Tè",
        period_start=2025, period_end=2025, signer_name="Nguyễn Trường Giang", signer_title="PHÓ CHỦ TỊCH",
    ),
    # As written before its glyphs were dropped; no header, number or date either.
    "003": DocumentMeta(
        title="KẾ HOẠCH Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2025"
        " trên địa bàn huyện Tuần Giáo",
        issuer="UBND huyện Tuần Giáo", admin_level="district", province="Điện Biên", district="Tuần Giáo",
        period_start=2021, period_end=2025, signer_name="Mùa Va Hồ", signer_title="PHÓ CHỦ TỊCH",
    ),
    # No committee header: issuer from the subject's territory and "TM. ỦY BAN NHÂN DÂN".
    "004": DocumentMeta(
        title="KẾ HOẠCH Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2026 - 2030"
        " trên địa bàn tỉnh Lạng Sơn",
        issuer="UBND tỉnh Lạng Sơn", admin_level="province", province="Lạng Sơn",
        issue_year=2026, issue_month=4, period_start=2026, period_end=2030,
        signer_name="Trần Thanh Nhàn", signer_title="PHÓ CHỦ TỊCH",
    ),
}

# Fields of 003 its restored text does not give right yet, with the reason (measured: all 13 fields right).
KNOWN_GAPS_003: dict[str, str] = {}

# The first lines of seed 003 as they read before the glyphs were dropped.
REPAIRED_HEADER_003 = """KẾ HOẠCH
Thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-2025 trên địa bàn huyện Tuần Giáo
Căn cứ Kế hoạch số 1303/KH-UBND ngày 6/5/2021của UBND tỉnh Điện
Biên về việc thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn 2021-
2025 trên địa bàn tỉnh Điện Biên
UBND huyện Tuần Giáo xây dựng Kế hoạch triển khai thực hiện Chiến lược quốc gia về bình đẳng giới giai đoạn \
2021-2025 trên địa bàn huyện, cụ thể như sau:
I. MỤC TIÊU
"""
REPAIRED_SIGNATURE_003 = "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nMùa Va Hồ"


@cache
def seed_meta(seed: str) -> DocumentMeta:
    return parse(normalized_seed(SEEDS[seed].name))


@pytest.mark.parametrize("seed", ["000", "001", "002", "004"])
def test_seed_metadata(seed):
    assert seed_meta(seed) == TRUTH[seed]


def test_blank_number_and_day_stay_null():
    meta = seed_meta("000")
    assert (meta.doc_number, meta.issue_date, meta.issue_month) == (None, None, 12)


@pytest.mark.slow
def test_damaged_seed_003_reads_the_truth_but_its_known_gaps():
    """Every field not named in KNOWN_GAPS_003 reads right; every known gap still reads wrong (strike it once the
    restoration gets it right), and is left null rather than guessed."""
    found, truth = dataclasses.asdict(seed_meta("003")), dataclasses.asdict(TRUTH["003"])
    wrong = {field for field in truth if found[field] != truth[field]}
    assert wrong == set(KNOWN_GAPS_003)
    assert {field: found[field] for field in wrong if found[field] is not None} == {}


def test_repaired_seed_003_metadata():
    assert parse(REPAIRED_HEADER_003 + REPAIRED_SIGNATURE_003) == TRUTH["003"]


def test_full_date_when_the_day_is_written():
    meta = parse("ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN\nSố: 85/KH-UBND\nLạng Sơn, ngày 07 tháng 4 năm 2026\nKẾ HOẠCH\nVề X")
    assert (meta.doc_number, meta.issue_date, meta.province) == ("85/KH-UBND", date(2026, 4, 7), "Lạng Sơn")


def test_admin_levels_come_from_the_vocabulary():
    assert {TRUTH[seed].admin_level for seed in TRUTH} <= set(values("admin_level"))
