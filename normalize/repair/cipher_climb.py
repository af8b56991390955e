"""Hill climbing over one document's assignment of characters to enciphered glyphs, one per character and
font: single-glyph moves under character trigrams, then under word scores, then group moves (a word as a
number, a word reshaped into a known one)."""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

from extract.marks import CIPHER_RANGE, UNKNOWN, cipher_font
from normalize.repair.cipher_scores import DIGITS, CipherScores
from normalize.repair.tokens import split_token
from normalize.syllables import syllable_inventory

CIPHER = regex.compile(f"[{CIPHER_RANGE}]+")
_FREQUENCY_FACTOR = 4.0  # a glyph may read as characters this many times more or less frequent than it
_FREQUENCY_SLACK = 4.0  # and a rare glyph as any rare character
_WORDS_PER_GLYPH = 150  # the commonest words of a glyph carry its evidence; more only slow each move
_LETTER_WORDS = 150  # fewer for the character trigrams, whose every word says something
_SCREEN_WORDS = 12
_SCREENED = 4  # characters a glyph's commonest words leave for the full score
_MAX_SWEEPS = 40
_RESHAPED_GLYPHS = 2
_UNDECIDED_MARGIN = 0.05  # nats: a glyph whose best alternative reads about as well is not decided



@dataclass
class GlyphReading:
    """A glyph's character and how sure that is."""

    char: str
    confidence: float


class Climb:
    """Hill climbing over one document's assignment of characters to glyphs, one per character and font."""

    def __init__(self, words: Counter[str], solver: CipherScores) -> None:
        self.solver = solver
        self.words = words
        self.counts: Counter[str] = Counter()
        self.touching: dict[str, list[str]] = defaultdict(list)
        for word, count in words.most_common():
            for glyph in dict.fromkeys(glyphs_of(word)):  # in order: ties in counts break alike in every run
                self.counts[glyph] += count * word.count(glyph)
                if len(self.touching[glyph]) < _WORDS_PER_GLYPH:
                    self.touching[glyph].append(word)
        self.neighbours = {glyph: set(glyphs_of("".join(found))) for glyph, found in self.touching.items()}
        self.table: dict[int, str] = {}
        self.holder: dict[tuple[int | None, str], str] = {}  # (font, character) → its glyph
        self.candidates: dict[str, list[str]] = {}  # the characters a glyph's frequency allows, commonest first
        self.allowed: dict[str, frozenset[str]] = {}
        self.current: dict[str, float] = {}
        self.scorer: Callable[[str], float] = solver.letters.score
        self.limit = _LETTER_WORDS
        self._start()

    def _start(self) -> None:
        """The commonest glyph of each font is the commonest character, and so on down; digits are left for
        `_numbers`, as any glyph reads better as a number than as a word the model does not know."""
        shares = self.solver.shares
        ranked_chars = [char for char in shares if char not in DIGITS]
        fonts: dict[int | None, list[str]] = defaultdict(list)
        for glyph, _ in self.counts.most_common():
            fonts[cipher_font(glyph)].append(glyph)
        for glyphs in fonts.values():
            total = sum(self.counts[glyph] for glyph in glyphs)
            for glyph, char in zip(glyphs, ranked_chars, strict=False):
                self._set(glyph, char)
            for glyph in glyphs:
                low = self.counts[glyph] / _FREQUENCY_FACTOR - _FREQUENCY_SLACK
                high = self.counts[glyph] * _FREQUENCY_FACTOR + _FREQUENCY_SLACK
                self.candidates[glyph] = [char for char in ranked_chars if low <= shares[char] * total <= high]
                self.allowed[glyph] = frozenset(self.candidates[glyph])
        self.current = {word: self._score(word) for word in self.words}

    def _score(self, word: str) -> float:
        return self.scorer(word.translate(self.table))

    def _use(self, scorer: Callable[[str], float], limit: int) -> None:
        self.scorer, self.limit = scorer, limit
        self.current = {word: self._score(word) for word in self.words}

    def _set(self, glyph: str, char: str) -> None:
        self.table[ord(glyph)] = char
        self.holder[cipher_font(glyph), char] = glyph

    def char(self, glyph: str) -> str:
        return self.table.get(ord(glyph), UNKNOWN)

    def run(self) -> None:
        self._climb(set(self.counts))
        self._use(self.solver.word_score, _WORDS_PER_GLYPH)
        self._climb(set(self.counts))
        self._climb(self._numbers())
        self._climb(self._reshaped())

    def _climb(self, dirty: set[str]) -> None:
        """Single-glyph moves, the commonest glyph first, while one improves the score."""
        for _ in range(_MAX_SWEEPS):
            if not dirty:
                return
            for glyph in sorted(dirty, key=lambda g: (-self.counts[g], g)):
                dirty.discard(glyph)
                char, gain = self.best_move(glyph)
                if gain > 1e-9:
                    self._apply([(glyph, char)])
                    dirty |= self.neighbours[glyph]

    def _numbers(self) -> set[str]:
        """Words that read as nothing the model knows try all their glyphs as digits at once (the glyphs of
        "2021-2025" read as letters say nothing); the glyphs changed by the moves kept. A separator that turns
        digit goes back in the next climb, where it reads better elsewhere."""
        changed: set[str] = set()
        for word, _ in self.words.most_common():
            decoded = word.translate(self.table)
            token = split_token(decoded)
            if self._known(token.unit):
                continue
            core = word[len(token.prefix) : len(word) - len(token.suffix)]
            glyphs = sorted({g for g in glyphs_of(core) if self.char(g).isalpha()})
            free = [d for d in DIGITS if (cipher_font(glyphs[0]) if glyphs else None, d) not in self.holder]
            if not glyphs or len({cipher_font(g) for g in glyphs}) > 1 or len(glyphs) > len(free):
                continue
            moves = list(zip(glyphs, free, strict=False))
            if self._gain_of(moves) > 1e-9:
                self._apply(moves)
                changed |= set().union(*(self.neighbours[g] for g in glyphs))
        return changed

    def _reshaped(self) -> set[str]:
        """Words that read as nothing the model knows try the known words of their shape that change at most
        _RESHAPED_GLYPHS of their glyphs, all at once ("H��CH" → "HOẠCH": one glyph alone reads no better);
        the glyphs changed by the moves kept."""
        changed: set[str] = set()
        for word, _ in self.words.most_common():
            token = split_token(word.translate(self.table))
            if self._known(token.unit):
                continue
            glyphs = word[len(token.prefix) : len(word) - len(token.suffix)]
            best: list[tuple[str, str]] = []
            best_gain = 1e-9
            for form in self.solver.forms.get(len(glyphs), ()):
                moves = reshaping(glyphs, token.core, form)
                if moves and len(moves) <= _RESHAPED_GLYPHS and (gain := self._gain_of(moves)) > best_gain:
                    best, best_gain = moves, gain
            if best:
                self._apply(best)
                changed |= set().union(*(self.neighbours[glyph] for glyph, _ in best))
        return changed

    def _known(self, unit: str) -> bool:
        return unit in self.solver.model.unigrams or unit in syllable_inventory()

    def best_move(self, glyph: str, excluded: str = "") -> tuple[str, float]:
        """The character (not one of `excluded`) whose taking by `glyph` improves the score most, and by how
        much (may be < 0). Screened on the glyph's commonest words first: most characters fail there."""
        own, font = self.char(glyph), cipher_font(glyph)
        chars = [char for char in self.candidates[glyph] if char != own and char not in excluded
                 and self._may_take(self.holder.get((font, char)), own)]
        if len(chars) > _SCREENED:
            screen = {char: self._gain_of([(glyph, char)], _SCREEN_WORDS) for char in chars}
            chars = sorted(chars, key=screen.__getitem__)[-_SCREENED:]
        gains = {char: self._gain_of([(glyph, char)]) for char in chars}
        best = max(gains, key=gains.__getitem__, default=UNKNOWN)
        return best, gains.get(best, -math.inf)

    def _may_take(self, glyph: str | None, char: str) -> bool:
        """Whether the glyph (None: no glyph) may read as `char` in a swap: its frequency allows it."""
        return glyph is None or char in self.allowed[glyph] or char in DIGITS

    def _gain_of(self, moves: list[tuple[str, str]], words: int | None = None) -> float:
        """How much the score of (the first `words` words of each glyph) improves if the glyphs take these
        characters; the glyphs are left as they were."""
        before = {glyph: self.char(glyph) for glyph, _ in moves}
        changed = self._moved(moves)
        limit = words or self.limit
        gain = sum(self.words[w] * (self._score(w) - self.current[w]) for w in self._affected(changed, limit))
        for glyph in changed:
            del self.holder[cipher_font(glyph), self.char(glyph)]
        for glyph in changed:
            self._set(glyph, before.get(glyph) or self._previous[glyph])
        return gain

    def _apply(self, moves: list[tuple[str, str]]) -> None:
        for word in self._affected(self._moved(moves)):
            self.current[word] = self._score(word)

    def _moved(self, moves: list[tuple[str, str]]) -> set[str]:
        """Make the moves; the glyphs whose character changed (those that gave theirs up too)."""
        self._previous: dict[str, str] = {}
        for glyph, char in moves:
            other = self._move(glyph, char)
            if other is not None:
                self._previous.setdefault(other, char)
        return {glyph for glyph, _ in moves} | set(self._previous)

    def _affected(self, glyphs: Iterable[str], words: int = _WORDS_PER_GLYPH) -> Iterable[str]:
        """The words the glyphs appear in, the first `words` of each, in an order that does not depend on
        how sets hash (the sums of scores, and so the ties, come out the same in every run)."""
        return dict.fromkeys(word for glyph in sorted(glyphs) for word in self.touching[glyph][:words])

    def _move(self, glyph: str, char: str) -> str | None:
        """Give `glyph` the character; the glyph of its font that held it (returned) takes `glyph`'s old one."""
        font = cipher_font(glyph)
        old = self.char(glyph)
        other = self.holder.get((font, char))
        self._set(glyph, char)
        if other is None:
            del self.holder[font, old]
        else:
            self._set(other, old)
        return other

    def readings(self) -> dict[str, GlyphReading]:
        readings = {}
        for glyph in self.counts:
            # A digit glyph is decided as a digit (the document pins which): against the best non-digit.
            _, gain = self.best_move(glyph, DIGITS if self.char(glyph) in DIGITS else "")
            margin = max(-gain, 0.0) if gain > -math.inf else math.inf
            char = self.char(glyph) if margin > _UNDECIDED_MARGIN else UNKNOWN
            readings[glyph] = GlyphReading(char, 0.0 if char == UNKNOWN else 1 - math.exp(-margin))
        return readings


def reshaping(glyphs: str, decoded: str, form: str) -> list[tuple[str, str]] | None:
    """The moves that make `glyphs` (read as `decoded`) read as `form`, None if none can: a character that
    is no enciphered glyph cannot change, nor one glyph read two ways."""
    moves: dict[str, str] = {}
    for glyph, now, wanted in zip(glyphs, decoded, form, strict=True):
        if now != wanted and (cipher_font(glyph) is None or moves.setdefault(glyph, wanted) != wanted):
            return None
    if "".join(moves.get(glyph, now) for glyph, now in zip(glyphs, decoded, strict=True)) != form:
        return None
    return list(moves.items())


def glyphs_of(text: str) -> str:
    return "".join(CIPHER.findall(text))

