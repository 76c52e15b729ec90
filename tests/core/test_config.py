"""config.yaml: typed values, defaults, and errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write
from tui.store.config import Config, ConfigError, load_config, parse_config


def test_relative_paths_resolve_against_the_config_folder(tmp_path: Path) -> None:
    path = write(tmp_path / "c" / "config.yaml", "corpus: [articles]\nbriefings: b\n")
    config = load_config(path)
    assert config.corpus == ((tmp_path / "c" / "articles").resolve(),)
    assert config.briefings == (tmp_path / "c" / "b").resolve()


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.yaml")
    assert config == Config()
    assert config.patterns == ("*.txt", "*.md", "*.html", "*.htm")


def test_named_config_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "absent.yaml", required=True)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("corpus: [a]\ncolour: red\n", 2, "unknown key 'colour'"),
        ("corpus: [a]\nmax_article_bytes: lots\n", 2, "whole number"),
        ("corpus: [a]\npatterns: {a: 1}\n", 2, "list of strings"),
        ("theme: nord\nhighlight:\n  search: notacolour\n", 3, "not a colour"),
        ("corpus: [a]\ntheme: x\n", 2, "unknown theme 'x'"),
        ("highlight:\n  underline: yes\n", 2, "unknown key 'underline'"),
        ("corpus: [a\nbriefings: b\n", 2, "not valid YAML"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        ("corpus: [a]\ncorpus: [b]\n", 2, "appears twice"),
    ],
)
def test_errors_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "config.yaml"
    with pytest.raises(ConfigError) as info:
        parse_config(text, path)
    assert str(info.value).startswith(f"{path}:{line}:")
    assert message in str(info.value)


def test_index_inside_the_corpus_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    config = Config(corpus=(corpus,), index_dir=corpus / ".index")
    with pytest.raises(ConfigError, match="inside the corpus"):
        config.check_paths()


def test_missing_corpus_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        Config(corpus=(tmp_path / "nope",)).check_paths()


def test_default_index_lives_in_the_cache_not_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    config = Config(corpus=(corpus,))
    config.check_paths()
    assert corpus not in config.resolved_index_dir.parents
    assert "cache" in str(config.resolved_index_dir)


def test_one_set_of_value_checks_for_config_briefings_and_metadata() -> None:
    """What a YAML value must be is decided in one place (tui.store.yaml_safe), and a broken file is
    named with its line the same way wherever it is read."""
    import yaml

    from tui.store import yaml_safe

    assert yaml_safe.as_text(" Seoul ") == "Seoul" and yaml_safe.as_text(2026) == "2026"
    assert yaml_safe.as_text(True) is None and yaml_safe.as_text("  ") is None
    assert yaml_safe.as_text([1]) is None
    assert yaml_safe.as_text_list("one") == ["one"]
    assert yaml_safe.as_text_list(["a", " ", "b "]) == ["a", "b"]
    assert yaml_safe.as_text_list([1, "a"]) is None
    assert yaml_safe.as_text_list([1, "a"], numbers=True) == ["1", "a"]
    assert yaml_safe.as_text_list([True], numbers=True) is None
    assert yaml_safe.as_whole_number(3) == 3 and yaml_safe.as_whole_number(True) is None
    try:
        yaml_safe.load("a: 1\nb: [1,\n")
    except yaml.YAMLError as exc:
        where, problem = yaml_safe.error_where(exc, "brief.md", first_line=2)
    assert where.startswith("brief.md:") and int(where.split(":")[1]) >= 3 and problem
    assert yaml_safe.unknown_key("colour", {"title", "keywords"}) == (
        "unknown key 'colour' (known: keywords, title)"
    )


def test_an_unknown_theme_names_its_line_and_the_themes(tmp_path: Path) -> None:
    from tui.store.config import THEMES

    with pytest.raises(ConfigError) as bad:
        parse_config("corpus: [a]\ntheme: textual-drak\n", tmp_path / "c.yaml")
    message = str(bad.value)
    assert message.startswith(f"{tmp_path / 'c.yaml'}:2: unknown theme 'textual-drak'")
    assert all(name in message for name in THEMES)
    assert parse_config("theme: nord\n", tmp_path / "c.yaml").theme == "nord"
