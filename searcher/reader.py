"""Read an article file (text, Markdown or HTML, optionally gzipped, in any common
encoding) into an `Article` with its decoded text and format."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from pathlib import Path

from .article import Article

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ARTICLE_SUFFIXES = tuple(s + z for s in TEXT_SUFFIXES + HTML_SUFFIXES for z in ("", ".gz"))
DEFAULT_MAX_MB = 20
DEFAULT_MAX_BYTES = DEFAULT_MAX_MB * 1024 * 1024

# Text in UTF-16/32 has NUL bytes; its byte-order mark tells it from a binary file.
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)  # UTF-32-LE's starts as UTF-16-LE's
_HTML_SNIFF = re.compile(rb"<(!doctype html|html|head|body|article|p|div)[\s>]", re.I)


class ReadError(Exception):
    """A file that cannot be read as an article; the message is one line for the user."""


def is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES)


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
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
                data = fh.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise ReadError(f"not a valid gzip file ({exc})") from None
        if len(data) > max_bytes:
            raise ReadError(f"decompresses to more than the {max_bytes // (1024 * 1024)} MB limit; raise it with --max-size")
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:8192] and not data.startswith(_WIDE_BOMS):
        raise ReadError("binary file, not text or HTML")
    return data


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# C0/C1 control characters other than whitespace: plenty of them means binary, not text.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def decode(data: bytes, is_html: bool) -> str:
    """Decode bytes, trying in turn: a byte-order mark; UTF-8 (which almost never decodes
    text in another encoding by accident); a charset the HTML declares; a statistical guess
    when most bytes are non-ASCII (Cyrillic, Greek, CJK); then Windows-1252, what
    mostly-ASCII Western news text with a few odd bytes (a stray "£") nearly always is."""
    text = _decode(data, is_html)
    if len(_CONTROL.findall(text)) > max(10, len(text) // 50):
        raise ReadError("undecodable bytes: not text in any known encoding")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, is_html: bool) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    if is_html and (declared := _DECLARED_CHARSET.search(data[:4096])):
        candidates.append(declared.group(1).decode("ascii", "replace"))
    if sum(b >= 0x80 for b in data[:65536]) > len(data[:65536]) * 0.3:
        candidates.append(_guess_encoding(data))
    for encoding in (*candidates, "windows-1252"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError, TypeError):
            continue
    return data.decode("latin-1")  # never fails; the control-character check judges it


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported here: only odd files need it

    best = from_bytes(data[:65536]).best()
    return best.encoding if best else None


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
