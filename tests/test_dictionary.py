"""The data dictionary: generated from the schemas, committed, and kept current."""
from __future__ import annotations

from pathlib import Path

from outputs.cli import main
from outputs.schema import TABLES, arrow_schema
from outputs.tools import dictionary


def test_committed_dictionary_is_current():
    assert dictionary.DICTIONARY_PATH.read_text(encoding="utf-8") == dictionary.render(), (
        "docs/tables.md is stale: run `vnplan dictionary` and commit it"
    )


def test_every_column_of_every_table_is_described_with_its_type():
    text = dictionary.render()
    for spec in TABLES.values():
        section = text.split(f"\n## {spec.name}\n", 1)[1].split("\n## ", 1)[0]
        for field in arrow_schema(spec):
            name = f"**{field.name}**" if field.name in spec.primary_key else field.name
            description = field.metadata[b"description"].decode()
            assert f"| {name} | {dictionary.type_name(field.type)} |" in section, (spec.name, field.name)
            assert description in section, (spec.name, field.name)


def test_vocabularies_list_their_values():
    text = dictionary.render()
    assert "| comparator | string (dictionary-encoded) | yes | [comparator](#vocabulary-comparator) |" in text
    assert "| `>=` |" in text.split("### vocabulary: comparator", 1)[1]
    assert "| value | decimal(18, 6) |" in text


def test_cli_writes_the_dictionary(tmp_path: Path):
    out = tmp_path / "tables.md"
    assert main(["dictionary", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == dictionary.render()
