"""The repair engine: text whose PDF fonts lost glyphs (`restore_glyphs`) or name none of them (`glyph_cipher`),
read back with a syllable language model (`RepairModel`)."""
from __future__ import annotations

from normalize.repair.cipher import decipher_glyphs, glyph_cipher
from normalize.repair.model import RepairModel, default_model
from normalize.repair.restore import LOW_CONFIDENCE, restore_glyphs

__all__ = ["LOW_CONFIDENCE", "RepairModel", "decipher_glyphs", "default_model", "glyph_cipher", "restore_glyphs"]
