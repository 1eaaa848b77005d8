"""The README documents every CLI command, and the quick start shows the two make commands."""

from pathlib import Path

from unionoffice.cli import COMMANDS, build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def command_names():
    return [entry.split(":")[0] for entry in COMMANDS]


def test_every_command_is_in_the_readme():
    missing = [name for name in command_names() if f"unionoffice {name}" not in README]
    assert missing == []


def test_quick_start_commands_are_documented():
    assert "make run" in README and "make test" in README


def test_every_command_has_chinese_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():
        assert any("\u4e00" <= ch <= "\u9fff" for ch in p.description or ""), name
