"""Reading article files: formats, gzip, encodings, and one clear reason for each bad file."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from searcher.extract.corpus import scan_corpus
from searcher.extract.reader import ReadError, read_article

TEXT = "Fishermen in Skála protest new quota\n\nThe crew of the Eyðfinnur said the quota, agreed in Brussels, would cost them £40,000 a year."


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])
def test_western_text_in_any_common_encoding(tmp_path, encoding):
    article = read_article(write(tmp_path, "a.txt", TEXT.encode(encoding)))
    assert article.raw == TEXT and article.format == "text"


def test_stray_latin1_byte_in_english_text_is_a_pound_sign(tmp_path):
    # As in the BBC corpus: UTF-8 everywhere except one Windows-1252 "£".
    data = "Chelsea paid a transfer fee for Mutu, a ".encode() + b"\xa3" + "15.8m signing.".encode()
    assert read_article(write(tmp_path, "a.txt", data)).raw.endswith("a £15.8m signing.")


def test_cyrillic_and_japanese_legacy_encodings_are_guessed(tmp_path):
    russian = "Правительство объявило о новых мерах поддержки экономики. Министр финансов заявил, что бюджет будет пересмотрен осенью."
    japanese = "東京都は新しい防災計画を発表した。地震や台風に備えて、避難所の数を増やすという。"
    assert read_article(write(tmp_path, "ru.txt", russian.encode("cp1251"))).raw == russian
    assert read_article(write(tmp_path, "ja.txt", japanese.encode("shift_jis"))).raw == japanese


def test_html_declared_charset_is_used(tmp_path):
    html = '<html><head><meta charset="iso-8859-7"></head><body><p>Η κυβέρνηση ανακοίνωσε νέα μέτρα.</p></body></html>'
    article = read_article(write(tmp_path, "gr.html", html.encode("iso-8859-7")))
    assert "Η κυβέρνηση" in article.raw and article.format == "html"


def test_gzipped_html_and_markdown(tmp_path):
    html = "<html><body><article><p>Text of the story.</p></article></body></html>"
    assert read_article(write(tmp_path, "p.html.gz", gzip.compress(html.encode()))).format == "html"
    assert read_article(write(tmp_path, "n.md.gz", gzip.compress(TEXT.encode()))).raw == TEXT


def test_windows_line_endings_become_newlines(tmp_path):
    assert read_article(write(tmp_path, "a.txt", b"Title\r\n\r\nBody.\r\n")).raw == "Title\n\nBody.\n"


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\n", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
    ("noise.txt", bytes(b for b in range(1, 256) if b not in b"\t\n\r ") * 40, "undecodable bytes"),
    ("broken.txt.gz", b"\x1f\x8b\x08\x00 not really gzip", "not a valid gzip file"),
])
def test_bad_files_give_one_line_reasons(tmp_path, name, data, reason):
    with pytest.raises(ReadError, match=reason) as info:
        read_article(write(tmp_path, name, data))
    assert "\n" not in str(info.value)


def test_size_limit_applies_to_files_and_to_what_they_decompress_to(tmp_path):
    big = write(tmp_path, "big.txt", b"word " * 30_000)
    with pytest.raises(ReadError, match="--max-size"):
        read_article(big, max_bytes=100_000)
    assert read_article(big, max_bytes=200_000).raw.startswith("word")
    bomb = write(tmp_path, "bomb.txt.gz", gzip.compress(b"word " * 100_000))
    with pytest.raises(ReadError, match="decompresses to more than"):
        read_article(bomb, max_bytes=100_000)


def test_missing_file_and_symlink_loop(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    loop = tmp_path / "loop.txt"
    loop.symlink_to("loop.txt")
    with pytest.raises(ReadError):
        read_article(loop)


def test_scan_follows_links_inside_the_corpus_once_and_reports_loops(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a" / "one.txt").write_text(TEXT)
    (corpus / "a" / "up").symlink_to("..")  # loop
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "two.html").write_text("<p>x</p>")
    (corpus / "linked").symlink_to(outside)  # out of the corpus: followed only when asked
    (corpus / "b").symlink_to("a")  # inside it: followed (and a/ is walked once)
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (corpus / ".hidden.txt").write_text(TEXT)
    (corpus / "notes.docx").write_text("not an article file")
    (corpus / "README.TXT").write_text("Consists of 2225 documents from the BBC news website.")
    (corpus / "a" / "LICENSE.md").write_text("All rights reserved by the authors.")
    (corpus / "a" / "readmeabout.txt").write_text(TEXT)  # only the exact name is a note
    skipped = []
    found = scan_corpus(corpus, on_skip=lambda p, why: skipped.append((Path(p).name, why)))
    assert len(found) == 2 and {f.path.name for f in found} == {"one.txt", "readmeabout.txt"}
    assert sorted((name, why) for name, why in skipped if name not in ("a", "b")) == [
        ("dangling.txt", "broken symlink or vanished file"),
        ("linked", "symlink to a folder outside the corpus folder (follow it with --follow)"),
        ("up", "symlink loop (leads to a folder already indexed)")]
    assert len([name for name, _ in skipped if name in ("a", "b")]) == 1  # whichever came second
    followed = scan_corpus(corpus, follow_links=True)
    assert "linked/two.html" in [f.path.relative_to(corpus).as_posix() for f in followed]


@pytest.mark.parametrize("text", [
    "plain ASCII news text\r\nwith a Windows line end and a tab\t",
    "curly “quotes”, an em dash — and café, naïve, £5, ½",
    "C0 \x01\x02\x1b[31m and DEL \x7f in the middle",
    "C1 controls \x85\x9b and a replacement mark \ufffd, beside é and \u00a0",
    "NUL\x00padding\x00" * 3,
    "Кириллица и 日本語 with \x1b",
])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_control_characters_counted_in_the_bytes_are_those_in_the_text(text, encoding):
    """The binary check counts control characters in a UTF-8 file's bytes: the count must
    be the one the pattern finds in the decoded text, whatever the encoding."""
    from searcher.extract.reader import _CONTROL, _control_character_bound, _control_characters, _decode

    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{encoding} cannot hold this text")
    decoded, utf8 = _decode(data, False)
    decoded = decoded.replace("\x00", "")
    assert _control_characters(data, decoded, utf8) == len(_CONTROL.findall(decoded))
    if utf8:  # the quick bound that spares the count must never be below it
        assert _control_character_bound(data) >= _control_characters(data, decoded, utf8)
