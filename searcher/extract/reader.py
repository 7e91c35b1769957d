"""Read an article file (text, Markdown or HTML, optionally gzipped, in any common
encoding) into an `Article` with its decoded text and format."""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import zlib
from pathlib import Path

from . import DEFAULT_MAX_MB
from ..article import Article

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ARTICLE_SUFFIXES = tuple(s + z for s in TEXT_SUFFIXES + HTML_SUFFIXES for z in ("", ".gz"))
DEFAULT_MAX_BYTES = DEFAULT_MAX_MB * 1024 * 1024

# Text in UTF-16/32 has NUL bytes; its byte-order mark tells it from a binary file.
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)  # UTF-32-LE's starts as UTF-16-LE's
_HTML_SNIFF = re.compile(rb"<(!doctype html|html|head|body|article|p|div)[\s>]", re.I)


class ReadError(Exception):
    """A file that cannot be read as an article; the message is one line for the user."""


def is_article_name(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES)


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, un-gzipped, with the checks every bad file gets one clear message from.
    Only a regular file is read (a named pipe would block forever, a device never end), and
    never more than `max_bytes` of it, whatever its size said (/proc files say 0)."""
    try:
        _check_regular(os.stat(path))
        # O_NONBLOCK: a file swapped for a named pipe since the stat above must not block the open.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as fh:
            st = os.fstat(fd)
            _check_regular(st)
            if st.st_size > max_bytes:
                raise _too_large(max_bytes, st.st_size)
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_large(max_bytes, None)
    except PermissionError:
        raise ReadError("permission denied") from None
    except IsADirectoryError:
        raise ReadError("is a directory") from None
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except OSError as exc:  # symlink loops, I/O errors
        raise ReadError(exc.strerror or str(exc)) from None
    if path.name.lower().endswith(".gz"):
        import gzip  # here, not at the top: `searcher query` imports this module for a default

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


def not_regular_reason(mode: int) -> str | None:
    """Why a file of this kind is not an article (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "not a regular file"


def _check_regular(st: os.stat_result) -> None:
    reason = not_regular_reason(st.st_mode)
    if reason:
        raise ReadError(reason)


def _too_large(max_bytes: int, size: int | None) -> ReadError:
    actual = f" ({size // (1024 * 1024)} MB)" if size is not None else ""
    return ReadError(f"larger than the {max_bytes // (1024 * 1024)} MB limit{actual}; raise it with --max-size")


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
# C0/C1 control characters other than whitespace: plenty of them means binary, not text.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0e, 0x20), 0x7f])  # NULs are dropped before the count
_C1_IN_UTF8 = re.compile(b"\xc2[\x80-\x9f]")
# What _control_character_bound counts: C0 controls and DEL, and the first bytes of a C1
# control's pair (C2) and of U+FFFD's triple (EF).
_BOUND_BYTES = _CONTROL_BYTES + b"\xc2\xef"


def decode(data: bytes, is_html: bool) -> str:
    """Decode bytes, trying in turn: a byte-order mark; UTF-8 (which almost never decodes
    text in another encoding by accident); UTF-8 line by line, for text pasted together
    from UTF-8 and legacy sources; a charset the HTML declares; a statistical guess when
    most bytes are non-ASCII (Cyrillic, Greek, CJK); then Windows-1252, what mostly-ASCII
    Western news text with a few odd bytes (a stray "£") nearly always is. NUL characters
    (a crashed write pads a file with them) are never text and are dropped."""
    text, utf8 = _decode(data, is_html)
    # Bytes are searched several times faster than text beyond ASCII; in UTF-8 a NUL
    # byte is only ever a NUL character.
    if b"\x00" in data if utf8 else "\x00" in text:
        text = text.replace("\x00", "")
    limit = max(10, len(text) // 50)
    if (not utf8 or _control_character_bound(data) > limit) and _control_characters(data, text, utf8) > limit:
        raise ReadError("undecodable bytes: not text in any known encoding")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _control_character_bound(data: bytes) -> int:
    """At least as many control characters as _control_characters counts in UTF-8
    bytes, found quicker: each C1 control's pair starts with byte C2 and U+FFFD's triple
    with EF, and most pages have few of either. All counted in one pass, as the bytes a
    deletion takes out (a pass for each cost three times as long)."""
    return len(data) - len(data.translate(None, _BOUND_BYTES))


def _control_characters(data: bytes, text: str, utf8: bool) -> int:
    """How many of _CONTROL's characters the text holds. When the bytes are the text in
    UTF-8 (`utf8`) they are counted in the bytes: C0 controls and DEL are single bytes there, C1
    controls and U+FFFD fixed byte pairs and triples, all found at C speed (a pattern
    over the decoded text cost more than decoding it)."""
    if utf8:
        return (len(data) - len(data.translate(None, _CONTROL_BYTES)) + len(_C1_IN_UTF8.findall(data))
                + data.count("\ufffd".encode()))
    return len(_CONTROL.findall(text))


def _decode(data: bytes, is_html: bool) -> tuple[str, bool]:
    """The text, and whether it is the bytes decoded as UTF-8 as they stand."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), False
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    declared = None
    if is_html and (found := _DECLARED_CHARSET.search(data[:4096])):
        declared = found.group(1).decode("ascii", "replace")
    lines = data.split(b"\n")
    utf8 = [_utf8_or_none(line) for line in lines]
    if any(text is not None and not text.isascii() for text in utf8):
        # Lines in UTF-8 with letters beyond ASCII beside lines that are not UTF-8: text
        # pasted together from several sources. Each line is decoded as what it is
        # ("Zürich" stays "Zürich", not "ZÃ¼rich"), the others in the legacy encoding
        # their own bytes point to.
        legacy = _legacy_encoding(b"\n".join(line for line, text in zip(lines, utf8) if text is None), declared)
        return "\n".join(text if text is not None else line.decode(legacy) for line, text in zip(lines, utf8)), False
    return data.decode(_legacy_encoding(data, declared)), False


def _utf8_or_none(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _legacy_encoding(data: bytes, declared: str | None) -> str:
    """An encoding that decodes all of `data`: the one the page declares, a statistical
    guess when most bytes are non-ASCII, Windows-1252, or else Latin-1 (which decodes
    anything; the control-character check then judges the result)."""
    candidates = [declared] if declared else []
    if sum(b >= 0x80 for b in data[:65536]) > len(data[:65536]) * 0.3:
        candidates.append(_guess_encoding(data))
    for encoding in (*candidates, "windows-1252"):
        try:
            data.decode(encoding)
            return encoding
        except (UnicodeDecodeError, LookupError, TypeError):
            continue
    return "latin-1"


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
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # a name from an old archive, in Latin-1 say: the index keeps names as text
        raise ReadError("its name is not UTF-8 text; rename the file") from None
    data = read_bytes(path, max_bytes)
    fmt = detect_format(path, data)
    return Article(path=str(path), raw=decode(data, fmt == "html"), format=fmt)
