"""Read an article file (text, Markdown or HTML, optionally gzipped, in any common
encoding) into an `Article` with its decoded text and format."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from bs4 import UnicodeDammit

from .article import Article

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ARTICLE_SUFFIXES = tuple(s + z for s in TEXT_SUFFIXES + HTML_SUFFIXES for z in ("", ".gz"))
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_HTML_SNIFF = re.compile(rb"<(!doctype html|html|head|body|article|p|div)[\s>]", re.I)


class ReadError(Exception):
    """A file that cannot be read as an article; the message is one line for the user."""


def is_article_file(path: Path) -> bool:
    return path.name.lower().endswith(ARTICLE_SUFFIXES)


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, un-gzipped, with the checks every bad file gets one clear message from."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"larger than the {max_bytes // (1024 * 1024)} MB limit ({size // (1024 * 1024)} MB); raise it with --max-size")
        data = path.read_bytes()
    except PermissionError:
        raise ReadError("permission denied") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except OSError as exc:  # symlink loops, I/O errors
        raise ReadError(exc.strerror or str(exc)) from None
    if path.name.lower().endswith(".gz"):
        try:
            # Bound the decompressed size too: a small .gz can expand without limit.
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise ReadError(f"not a valid gzip file ({exc})") from None
        if len(data) > max_bytes:
            raise ReadError(f"decompresses to more than the {max_bytes // (1024 * 1024)} MB limit; raise it with --max-size")
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:8192]:
        raise ReadError("binary file, not text or HTML")
    return data


def decode(data: bytes, is_html: bool) -> str:
    """Decode bytes: a BOM or declared charset first, then UTF-8, then Windows-1252
    (what most non-UTF-8 Western news text is), then Latin-1, which never fails."""
    dammit = UnicodeDammit(data, ["utf-8", "windows-1252"], is_html=is_html)
    text = dammit.unicode_markup
    if text is None:
        text = data.decode("latin-1")
    # Too many unmappable characters means this is not text at all.
    if text.count("\ufffd") > max(10, len(text) // 50):
        raise ReadError("undecodable bytes: not text in any known encoding")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def detect_format(path: Path, data: bytes) -> str:
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return "html" if _HTML_SNIFF.search(data[:4096]) else "text"


def read_article(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one file into an Article; raises ReadError with a one-line reason."""
    path = Path(path)
    data = read_bytes(path, max_bytes)
    fmt = detect_format(path, data)
    return Article(path=str(path), raw=decode(data, fmt == "html"), format=fmt)
