"""Build normalize/tables/lexicon_pairs.tsv: the neighbouring syllables of the words of a Vietnamese dictionary.

The repair model learns from plans and laws, so a word of general language ("bóc lột", "kỳ hạn", "vi tính")
loses a damaged gap to a likelier plan word. Each pair of neighbouring syllables inside a dictionary word
("bóc lột" → (bóc, lột); "hợp tác xã" → (hợp, tác), (tác, xã)) is bundled as the model's units, lowercase,
in the declared tone style; repair/model.py counts each pair once more than the training texts saw it.

Source: pyvi 0.1.1 (https://github.com/trungtv/pyvi, MIT licence, © 2016 Viet-Trung Tran), its file
`pyvi/models/words.txt`, one word per line. pyvi is not a dependency: get the wheel with
`pip download --no-deps pyvi==0.1.1` and unzip it.

Usage: .venv/bin/python scripts/build_lexicon_table.py PATH/TO/words.txt
"""
from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalize.repair.model import LEXICON_TABLE  # noqa: E402
from normalize.repair.tokens import clean_form  # noqa: E402
from normalize.syllables import syllable_inventory  # noqa: E402

HEADER = "# first\tsecond — neighbouring syllables of pyvi 0.1.1's words.txt (MIT); built by " \
         "scripts/build_lexicon_table.py; do not edit\n"


def lexicon_pairs(words: Iterable[str]) -> set[tuple[str, str]]:
    """The pairs of neighbouring syllables inside each word of two syllables or more, every syllable known."""
    inventory = syllable_inventory()
    pairs: set[tuple[str, str]] = set()
    for word in words:
        syllables = clean_form(word).lower().split()
        if len(syllables) > 1 and all(syllable in inventory for syllable in syllables):
            pairs.update(itertools.pairwise(syllables))
    return pairs


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    words = Path(argv[0]).read_text(encoding="utf-8").splitlines()
    pairs = sorted(lexicon_pairs(words))
    with open(LEXICON_TABLE, "w", encoding="utf-8") as handle:
        handle.write(HEADER)
        handle.writelines(f"{first}\t{second}\n" for first, second in pairs)
    print(f"{len(pairs)} pairs from {len(words)} words → {LEXICON_TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
