"""The syllable language model behind glyph restoration: a bigram over syllables with backoff to
unigrams and to the generated syllable inventory, plus what tokens look like around their core
(punctuation before and after), which non-syllable tokens (UBND, KH-UBND) occur, and whether a
line's opening bullet stands apart from what follows ("- Chỉ tiêu").

Trained from clean text: the bundled table (tables/repair_ngrams.tsv, built by
scripts/build_repair_table.py from the clean seeds) plus, per batch, the corpus's clean documents
(`extended`), plus, per document, the intact lines of the damaged document itself.
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex

from normalize.steps import TABLES
from normalize.syllables import syllable_inventory
from normalize.tone_style import declared_tones

BUNDLED_TABLE = TABLES / "repair_ngrams.tsv"
NUMBER_UNIT = "<num>"
LINE_START = "<s>"
_DISCOUNT = 0.75
_SUCCESSORS = 20  # the rarer successors of a unit weigh less than the most frequent forms of a pattern
_INVENTORY_WEIGHT = 2.0  # pseudo-count share of unseen inventory syllables in the unigram
_CASE_PRIOR_WEIGHT = 1.5  # pseudo-counts of the broader case distribution behind a word's own
_TOKEN = regex.compile(r"\S+")
_SPLIT = regex.compile(r"^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$")
_NUMBER = regex.compile(r"\d(?:[\d.,/\-]*\d)?")
# A separator after a digit: joined to the next digit ("1,7", "100.000", "2021-2025") or spaced
# ("1, 2", "2026 - 2030", "năm 2030. ").
_SEPARATOR_AFTER_DIGIT = regex.compile(r"(?<=\d)(?:([.,\-])(?=\d)| ?([.,\-])(?: |$))")


@dataclass(frozen=True)
class Token:
    prefix: str
    core: str
    suffix: str

    @property
    def unit(self) -> str:
        """What the language model sees: the lowercase syllable, a number class, or the token itself."""
        if _NUMBER.fullmatch(self.core):
            return NUMBER_UNIT
        return (self.core or self.prefix + self.suffix).lower()


def split_token(text: str) -> Token:
    match = _SPLIT.match(text)
    assert match is not None  # the pattern matches every string
    return Token(*match.groups())


def tokens(line: str) -> list[Token]:
    return [split_token(match.group()) for match in _TOKEN.finditer(line)]


CASE_FORMS = ("lower", "title", "upper")


def case_form(word: str) -> str:
    if word.islower():
        return "lower"
    return "upper" if word.isupper() and len(word) > 1 else "title"


def mostly_capitals(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return sum(char.isupper() for char in letters) > 0.6 * len(letters)


BULLETS = frozenset("-+*–•")


def opens_sentence(written: str) -> bool:
    """Whether the word after this token starts a sentence: after . : ; ? !, a bullet or a label "a)"."""
    return written[-1] in ".:;?!" or written in BULLETS or (written[-1] == ")" and len(written) <= 3)


def _word_case_key(unit: str) -> str:
    return f"word {unit}"


def _pair_case_key(previous: str, unit: str) -> str:
    return f"pair {previous} {unit}"


def clean_form(text: str) -> str:
    """Training text in the form the repair sees: NFC, tone marks in the declared style."""
    return declared_tones(unicodedata.normalize("NFC", text))


@dataclass
class RepairModel:
    unigrams: Counter[str] = field(default_factory=Counter)
    bigrams: Counter[tuple[str, str]] = field(default_factory=Counter)
    affixes: Counter[tuple[str, str]] = field(default_factory=Counter)
    others: Counter[str] = field(default_factory=Counter)  # non-syllable cores with letters, exact case
    cases: Counter[tuple[str, str]] = field(default_factory=Counter)  # (context, case form) of syllables
    separators: Counter[tuple[str, str]] = field(default_factory=Counter)  # (",", ".", "-"; "joined" or "spaced")
    bullets: Counter[tuple[str, str]] = field(default_factory=Counter)  # (a line's opening bullet; joined or spaced)

    @classmethod
    def train(cls, clean_texts: Iterable[str]) -> RepairModel:
        return cls().extended(clean_texts)

    def extended(self, clean_texts: Iterable[str]) -> RepairModel:
        """A new model with the counts of more clean text added (this one is left as it is)."""
        model = RepairModel(
            Counter(self.unigrams), Counter(self.bigrams), Counter(self.affixes), Counter(self.others),
            Counter(self.cases), Counter(self.separators), Counter(self.bullets),
        )
        for text in clean_texts:
            previous, opens = LINE_START, True
            for line in clean_form(text).split("\n"):
                model.separators.update(
                    (match.group(1), "joined") if match.group(1) else (match.group(2), "spaced")
                    for match in _SEPARATOR_AFTER_DIGIT.finditer(line)
                )
                model._count_bullet(line)
                for written in _TOKEN.findall(line):
                    token = split_token(written)
                    model._count(token, previous, "capitals" if mostly_capitals(line) else (
                        "sentence_start" if opens else "running"))
                    previous, opens = token.unit, opens_sentence(written)
        model._cache_totals()
        return model

    def _count(self, token: Token, previous: str, context: str) -> None:
        unit = token.unit
        self.unigrams[unit] += 1
        self.bigrams[previous, unit] += 1
        self.affixes[token.prefix, token.suffix] += 1
        if unit in syllable_inventory():
            case = case_form(token.core)
            self.cases[context, case] += 1
            if context == "running":
                # Inside a sentence a capital is the word's own: a name ("Tuần Giáo"), an agency ("Ủy ban").
                self.cases[_word_case_key(unit), case] += 1
                self.cases[_pair_case_key(previous, unit), case] += 1
        elif unit != NUMBER_UNIT:
            # Abbreviations (UBND) and punctuation tokens ("-", "+") may be restored only as written.
            self.others[token.core or token.prefix + token.suffix] += 1

    def _count_bullet(self, line: str) -> None:
        """Whether a line's opening bullet stands alone ("- Chỉ tiêu") or touches what follows ("-Chỉ")."""
        first = _TOKEN.search(line)
        if first and first.group()[0] in BULLETS:
            self.bullets[first.group()[0], "joined" if len(first.group()) > 1 else "spaced"] += 1

    def _cache_totals(self) -> None:
        self._total = sum(self.unigrams.values())
        self._affix_total = sum(self.affixes.values()) or 1
        self._memo: dict[tuple[str, str], float] = {}
        self._unigram_memo: dict[str, float] = {}
        self._case_memo: dict[tuple[str, str, str, str], float] = {}
        self._context_counts: Counter[str] = Counter()
        self._context_types: Counter[str] = Counter()
        self._successors: dict[tuple[str, int], list[str]] = {}
        for (previous, unit), count in sorted(self.bigrams.items(), key=lambda item: -item[1]):
            self._context_counts[previous] += count
            self._context_types[previous] += 1
            self._successors.setdefault((previous, len(unit)), []).append(unit)

    def successors(self, previous: str, length: int) -> list[str]:
        """Units of `length` characters seen right after `previous`, the most frequent first."""
        return self._successors.get((previous, length), [])[:_SUCCESSORS]

    def unigram_logprob(self, unit: str) -> float:
        """ln P(unit), with inventory syllables never seen sharing a small pseudo-count."""
        if unit not in self._unigram_memo:
            self._unigram_memo[unit] = self._unigram_logprob(unit)
        return self._unigram_memo[unit]

    def _unigram_logprob(self, unit: str) -> float:
        inventory = syllable_inventory()
        known = unit in inventory or unit == NUMBER_UNIT
        prior = (_INVENTORY_WEIGHT if known else 1e-3) / len(inventory)
        return math.log((self.unigrams[unit] + prior) / (self._total + _INVENTORY_WEIGHT + 1e-3))

    def logprob(self, unit: str, previous: str) -> float:
        """ln P(unit | previous): absolute discounting interpolated with the unigram."""
        key = (previous, unit)
        if key not in self._memo:
            self._memo[key] = self._logprob(unit, previous)
        return self._memo[key]

    def _logprob(self, unit: str, previous: str) -> float:
        context = self._context_counts[previous]
        if not context:
            return self.unigram_logprob(unit)
        seen = max(self.bigrams[previous, unit] - _DISCOUNT, 0.0) / context
        backoff = _DISCOUNT * self._context_types[previous] / context
        return math.log(seen + backoff * math.exp(self.unigram_logprob(unit)))

    def case_logprob(self, context: str, case: str, unit: str = "", previous: str = "") -> float:
        """ln P(case form | context) for syllables; inside a sentence, of this syllable after `previous`,
        backing off to the syllable, then to all syllables. Other tokens keep the case they were seen in."""
        if case == "exact":
            return 0.0
        key = (context, case, unit, previous)
        if key not in self._case_memo:
            share = self._case_share(context, case, 1 / len(CASE_FORMS))
            if context == "running":
                share = self._case_share(_word_case_key(unit), case, share)
                share = self._case_share(_pair_case_key(previous, unit), case, share)
            self._case_memo[key] = math.log(share)
        return self._case_memo[key]

    def _case_share(self, key: str, case: str, prior: float) -> float:
        total = sum(self.cases[key, form] for form in CASE_FORMS)
        return (self.cases[key, case] + _CASE_PRIOR_WEIGHT * prior) / (total + _CASE_PRIOR_WEIGHT)

    def joined_logprob(self, separator: str) -> float:
        """ln P(no space beside `separator` | it follows a digit): what a gap beside it most likely was."""
        return _joined_logprob(self.separators, separator)

    def bullet_joined_logprob(self, bullet: str) -> float:
        """ln P(a line's opening `bullet` touches the next character): what a gap after it most likely was."""
        return _joined_logprob(self.bullets, bullet)

    def affix_logprob(self, prefix: str, suffix: str) -> float:
        return math.log((self.affixes[prefix, suffix] + 0.01) / self._affix_total)

    def save(self, path: Path) -> None:
        rows = [("unigram", unit, "", count) for unit, count in self.unigrams.items()]
        rows += [("bigram", first, second, count) for (first, second), count in self.bigrams.items()]
        rows += [("affix", prefix, suffix, count) for (prefix, suffix), count in self.affixes.items()]
        rows += [("other", core, "", count) for core, count in self.others.items()]
        rows += [("case", context, case, count) for (context, case), count in self.cases.items()]
        rows += [("separator", mark, joined, count) for (mark, joined), count in self.separators.items()]
        rows += [("bullet", mark, joined, count) for (mark, joined), count in self.bullets.items()]
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("# kind\tfirst\tsecond\tcount — built by scripts/build_repair_table.py; do not edit\n")
            handle.writelines(f"{kind}\t{first}\t{second}\t{count}\n" for kind, first, second, count in sorted(rows))

    @classmethod
    def load(cls, path: Path) -> RepairModel:
        model = cls()
        tables = {
            "unigram": model.unigrams, "bigram": model.bigrams, "affix": model.affixes,
            "other": model.others, "case": model.cases, "separator": model.separators, "bullet": model.bullets,
        }
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#"):
                    continue
                kind, first, second, count = line.rstrip("\n").split("\t")
                key: str | tuple[str, str] = first if kind in ("unigram", "other") else (first, second)
                tables[kind][key] += int(count)  # type: ignore[index]
        model._cache_totals()
        return model


def _joined_logprob(counts: Counter[tuple[str, str]], mark: str) -> float:
    joined, spaced = counts[mark, "joined"], counts[mark, "spaced"]
    return math.log((joined + 1) / (joined + spaced + 2))


@cache
def default_model() -> RepairModel:
    """The model trained on the bundled clean seeds; a batch adds its own clean documents with `extended`."""
    return RepairModel.load(BUNDLED_TABLE)
