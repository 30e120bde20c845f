"""Bounded reading of the ZIP packages roadmapdocs opens: templates (.docx) and tables (.xlsx).

A .docx or .xlsx is a ZIP archive of XML parts. A hostile or broken one can inflate a few
megabytes into gigabytes (a zip bomb), lie in its headers about the sizes, be cut short, or
hold XML with a DOCTYPE whose entities expand without end or read other files. The libraries
that open these files (python-docx, openpyxl) trust the archive, so it is checked here first:

1. the file's size (``file_bytes``), before anything is read;
2. from the central directory, before anything is inflated: the number of members
   (``archive_members``), each member's declared size (``archive_member_bytes``), their sum
   (``archive_total_bytes``) and each large member's compression ratio (``archive_ratio``);
3. every member inflated in small chunks by this module itself, counting what comes out: a
   member that inflates past its declared size or the bound is stopped there, and one whose
   data is cut short or whose checksum differs is refused;
4. every XML part parsed, without building a tree, by a parser that loads no DTD, expands no
   entity and reaches no network; a DOCTYPE is refused outright (no Word or Excel file has one).

Each problem is a located error naming the file and the member; a bound says how to raise it.
A file that passed is remembered (by its path, size, time stamp and the limits in force), so a
batch that opens one template a thousand times checks it once.
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from roadmapdocs import limits
from roadmapdocs.errors import (
    LimitExceeded,
    LoadError,
    Location,
    Problem,
    RoadmapdocsError,
    TemplateError,
)
from roadmapdocs.messages import Phrase, phrase

__all__ = [
    "DOCX",
    "XLSX",
    "Package",
    "as_load_error",
    "as_template_error",
    "check_docx",
    "check_package",
    "check_xlsx",
    "limit_exceeded",
    "read_member",
]

Failure = Callable[[Phrase, Location], RoadmapdocsError]
"""Makes the error a broken file raises: a template's is a TemplateError, a table's a plain
RoadmapdocsError, an imported document's a LoadError."""


def as_template_error(message: Phrase, where: Location) -> RoadmapdocsError:
    return TemplateError(message, where)


def as_table_error(message: Phrase, where: Location) -> RoadmapdocsError:
    return RoadmapdocsError(message, where)


def as_load_error(message: Phrase, where: Location) -> RoadmapdocsError:
    return LoadError([Problem(where, "archive", message.in_())])


@dataclass(frozen=True)
class Package:
    """What kind of package a file must be: its name for people and the parts it must hold."""

    noun: Phrase
    """«документ Word (.docx)»: what the file should have been."""
    required: tuple[str, ...]
    legacy: Phrase
    """What to say of an OLE file (an old binary format, or an encrypted package)."""


DOCX = Package(
    Phrase("документ Word (.docx)", "Word document (.docx)"),
    ("[Content_Types].xml", "word/document.xml"),
    Phrase(
        "это документ старого формата Word (.doc) или документ, защищённый паролем; откройте "
        "его в Word и сохраните как .docx без пароля",
        "this is an old-format Word file (.doc) or a password-protected document; open it in "
        "Word and save it as .docx without a password",
    ),
)
XLSX = Package(
    Phrase("таблица Excel (.xlsx)", "Excel workbook (.xlsx)"),
    ("[Content_Types].xml", "xl/workbook.xml"),
    Phrase(
        "это таблица старого формата Excel (.xls) или таблица, защищённая паролем; откройте её "
        "в Excel и сохраните как .xlsx без пароля",
        "this is an old-format Excel file (.xls) or a password-protected workbook; open it in "
        "Excel and save it as .xlsx without a password",
    ),
)

_LARGE_MEMBER = 1_000_000
"""The compression ratio is checked only above this size: small XML parts compress far better
than 200 : 1 when they are mostly repeated markup, and cannot make a bomb anyway."""
_CHUNK = 1 << 16
"""Compressed bytes read, and inflated bytes produced, at a time."""
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CONTENT_TYPES = "[Content_Types].xml"


def _number(value: int) -> str:
    """200000000 as «200 000 000»: readable, and the digits stay together when copied."""
    return f"{value:,}".replace(",", " ")


def limit_exceeded(name: str, found: Phrase, where: Location) -> LimitExceeded:
    """A LimitExceeded saying what broke bound ``name``, its value, and how to raise it."""
    value = getattr(limits.current(), name)
    hint = Phrase(
        " — больше предела {name} = {value}. Если файл настоящий, поднимите предел: переменная "
        "окружения ROADMAPDOCS_LIMIT_{env}, строка «{name} = …» в таблице [limits] файла "
        "roadmapdocs.toml или roadmapdocs.limits.override({name}=…)",
        " — over the limit {name} = {value}. If the file is genuine, raise the limit: the "
        "environment variable ROADMAPDOCS_LIMIT_{env}, a line «{name} = …» in the [limits] "
        "table of roadmapdocs.toml, or roadmapdocs.limits.override({name}=…)",
    ).format(name=name, value=_number(value), env=name.upper())
    return LimitExceeded(found + hint, where, limit=name)


def _in_member(member: str, message: Phrase) -> Phrase:
    return Phrase("часть {member}: ", "part {member}: ").format(member=member) + message


class _Doctype(Exception):
    """Raised from inside the parser the moment a DOCTYPE is met, before its subset is used."""


class _Nothing:
    """A parser target that builds nothing: well-formedness is checked, no tree is kept."""

    def doctype(self, *_: Any) -> None:
        raise _Doctype

    def close(self) -> None:
        return None


class _ContentTypes(_Nothing):
    """Reads ``[Content_Types].xml`` for the parts and extensions it declares to be XML: those
    are parsed too, whatever their names (python-docx and openpyxl go by the content type)."""

    def __init__(self) -> None:
        self.parts: set[str] = set()
        self.extensions: set[str] = set()

    def start(self, tag: str, attributes: Any) -> None:
        if not str(attributes.get("ContentType", "")).lower().endswith("xml"):
            return
        if tag.endswith("}Override"):
            self.parts.add(str(attributes.get("PartName", "")).lstrip("/").lower())
        elif tag.endswith("}Default"):
            self.extensions.add(str(attributes.get("Extension", "")).lower())

    def declares(self, name: str) -> bool:
        lowered = name.lower()
        return lowered in self.parts or lowered.rpartition(".")[2] in self.extensions


def _xml_parser(target: _Nothing) -> Any:
    from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

    return etree.XMLParser(
        target=target,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )


_END = struct.Struct("<4s6xH")
_END64_LOCATOR = struct.Struct("<4s4xQ4x")
_END64 = struct.Struct("<4s28xQ")


def _declared_members(handle: BinaryIO, size: int) -> int | None:
    """The number of members the end record of the archive declares, if one is found.

    The end record is within the last 64 KiB and 22 bytes (its comment is at most 64 KiB); a
    count of 0xFFFF sends to the ZIP64 end record, which a locator just before it points to.
    """
    start = max(0, size - (1 << 16) - 22)  # the record is 22 bytes and its comment
    handle.seek(start)
    tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None
    count: int = _END.unpack_from(tail, at)[1]
    if count != 0xFFFF or at < _END64_LOCATOR.size:
        return count
    signature, offset = _END64_LOCATOR.unpack_from(tail, at - _END64_LOCATOR.size)
    if signature != b"PK\x06\x07" or offset + _END64.size > size:
        return None
    handle.seek(offset)
    record = handle.read(_END64.size)
    signature, total = _END64.unpack(record)
    return int(total) if signature == b"PK\x06\x06" else None


def _open_zip(path: Path, package: Package, broken: Failure) -> zipfile.ZipFile:
    """The archive's central directory, after the file's size and first bytes are checked."""
    where = Location(str(path))
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
            members = _declared_members(handle, size)
    except OSError as exc:
        raise broken(phrase("unreadable", detail=exc.strerror or exc), where) from None
    bound = limits.current().file_bytes
    if size > bound:
        found = Phrase("файл занимает {size} байт", "the file takes {size} bytes")
        raise limit_exceeded("file_bytes", found.format(size=_number(size)), where)
    if size == 0:
        raise broken(
            Phrase(
                "файл пуст (0 байт); ожидается {noun}",
                "the file is empty (0 bytes); a {noun} is expected",
            ).format(noun=package.noun),
            where,
        )
    not_package = Phrase(
        "файл не открывается как {noun}: ", "the file does not open as a {noun}: "
    ).format(noun=package.noun)
    if head == _OLE:
        raise broken(not_package + package.legacy, where)
    if not head.startswith(b"PK"):
        raise broken(
            not_package
            + Phrase(
                "это не архив ZIP (файл, вероятно, переименован из другого формата)",
                "it is not a ZIP archive (it was probably renamed from another format)",
            ),
            where,
        )
    if members is not None and members > limits.current().archive_members:
        # Said before the directory is read: its entries would all be built in memory first.
        found = Phrase("частей в архиве: {count}", "members in the archive: {count}")
        raise limit_exceeded("archive_members", found.format(count=_number(members)), where)
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
        raise broken(
            not_package
            + Phrase(
                "архив ZIP повреждён или обрезан — не читается его оглавление; "
                "скопируйте или сохраните файл заново",
                "the ZIP archive is damaged or cut short — its directory cannot be read; "
                "copy or save the file again",
            ),
            where,
        ) from None
    except OSError as exc:
        raise broken(phrase("unreadable", detail=exc.strerror or exc), where) from None


def _check_directory(members: list[zipfile.ZipInfo], package: Package, where: Location) -> None:
    """The bounds that the central directory alone decides, before anything is inflated."""
    bounds = limits.current()
    if len(members) > bounds.archive_members:
        found = Phrase("частей в архиве: {count}", "members in the archive: {count}")
        raise limit_exceeded("archive_members", found.format(count=_number(len(members))), where)
    total = 0
    for info in members:
        declared = Phrase(
            "объявлено, что она распаковывается в {size} байт",
            "it is declared to inflate to {size} bytes",
        ).format(size=_number(info.file_size))
        if info.file_size > bounds.archive_member_bytes:
            raise limit_exceeded("archive_member_bytes", _in_member(info.filename, declared), where)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _LARGE_MEMBER and ratio > bounds.archive_ratio:
            found = Phrase(
                "сжата в {ratio} раз ({compressed} байт распаковываются в {size})",
                "compressed {ratio} times ({compressed} bytes inflate to {size})",
            ).format(
                ratio=_number(int(ratio)),
                compressed=_number(info.compress_size),
                size=_number(info.file_size),
            )
            raise limit_exceeded("archive_ratio", _in_member(info.filename, found), where)
        total += info.file_size
    if total > bounds.archive_total_bytes:
        found = Phrase(
            "все части архива вместе распаковываются в {size} байт",
            "all the members together inflate to {size} bytes",
        )
        raise limit_exceeded("archive_total_bytes", found.format(size=_number(total)), where)


def _inflate(handle: BinaryIO, info: zipfile.ZipInfo, bound: int) -> Iterator[bytes]:
    """The member's bytes, inflated here chunk by chunk; never more than ``bound`` + 1 of them.

    The caller stops as soon as more than ``bound`` came out. The sizes are the central
    directory's; the data is found through the member's local header, as every reader does.
    """
    handle.seek(info.header_offset)
    header = handle.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        raise EOFError
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise zlib.error("no local header")
    handle.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0:
            chunk = handle.read(min(_CHUNK, left, bound + 1))
            if not chunk:
                raise EOFError
            left -= len(chunk)
            yield chunk
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    while left > 0 or inflater.unconsumed_tail:
        if inflater.unconsumed_tail:
            data = inflater.unconsumed_tail
        else:
            data = handle.read(min(_CHUNK, left))
            if not data:
                raise EOFError
            left -= len(data)
        # max_length caps what one call can produce: a lying header cannot make it allocate
        # more than a chunk, however well the data compresses.
        out = inflater.decompress(data, _CHUNK)
        if out:
            yield out
        if inflater.eof:
            return
    while not inflater.eof:  # input all given; what zlib still holds comes out in chunks
        out = inflater.decompress(b"", _CHUNK)
        if not out:
            raise EOFError
        yield out


def _check_member(
    handle: BinaryIO,
    info: zipfile.ZipInfo,
    xml: _Nothing | None,
    broken: Failure,
    where: Location,
) -> None:
    """Inflate one member within its bounds, verify its size and checksum, and parse it with
    the parser target ``xml`` unless that is None (not an XML part)."""
    member = info.filename
    if info.flag_bits & 0x1:
        raise broken(
            _in_member(
                member,
                Phrase(
                    "зашифрована; сохраните файл без пароля",
                    "it is encrypted; save the file without a password",
                ),
            ),
            where,
        )
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise broken(
            _in_member(
                member,
                Phrase(
                    "сжата методом {method}, которым Word и Excel не пользуются",
                    "it is compressed with method {method}, which Word and Excel do not use",
                ).format(method=info.compress_type),
            ),
            where,
        )
    from lxml import etree

    # The directory check let the declared size through; more than it is a forgery.
    bound = min(info.file_size, limits.current().archive_member_bytes)
    parser = _xml_parser(xml) if xml is not None else None
    size = crc = 0
    try:
        for chunk in _inflate(handle, info, bound):
            size += len(chunk)
            if size > bound:
                break
            crc = zlib.crc32(chunk, crc)
            if parser is not None:
                parser.feed(chunk)
        if size > info.file_size:
            raise broken(
                _in_member(
                    member,
                    Phrase(
                        "распаковывается больше объявленных {size} байт: заголовки архива "
                        "подделаны; распаковка остановлена",
                        "it inflates past its declared {size} bytes: the archive's headers are "
                        "forged; inflating was stopped",
                    ).format(size=_number(info.file_size)),
                ),
                where,
            )
        if size != info.file_size or crc != info.CRC:
            raise zlib.error("size or checksum")
        if parser is not None:
            parser.close()
    except (zlib.error, EOFError, OSError):
        raise broken(
            _in_member(
                member,
                Phrase(
                    "данные повреждены или обрезаны (не сходятся размер или контрольная сумма); "
                    "скопируйте или сохраните файл заново",
                    "its data is damaged or cut short (the size or checksum does not match); "
                    "copy or save the file again",
                ),
            ),
            where,
        ) from None
    except _Doctype:
        raise broken(
            _in_member(
                member,
                Phrase(
                    "XML содержит объявление DOCTYPE. В файлах Word и Excel его не бывает, а его "
                    "сущности могут раздуть документ до гигабайт или прочитать чужие файлы, "
                    "поэтому такой файл не открывается; сохраните его заново в Word или Excel",
                    "the XML holds a DOCTYPE declaration. Word and Excel files never have one, "
                    "and its entities can inflate a document to gigabytes or read other files, "
                    "so such a file is not opened; save it again in Word or Excel",
                ),
            ),
            where,
        ) from None
    except etree.XMLSyntaxError as exc:
        line, column = getattr(exc, "position", (0, 0))
        detail = str(getattr(exc, "msg", "") or exc).split(", line ")[0]
        raise broken(
            _in_member(
                member,
                Phrase(
                    "неправильный XML (строка {line}, столбец {column}): {detail}",
                    "malformed XML (line {line}, column {column}): {detail}",
                ).format(line=line, column=column, detail=detail),
            ),
            where,
        ) from None


def _is_xml(name: str) -> bool:
    return name.lower().endswith(_XML_SUFFIXES)


def check_package(path: str | os.PathLike[str], package: Package, broken: Failure) -> None:
    """Raise a located error unless ``path`` is a sound ``package`` within the limits.

    ``broken`` makes the error of a damaged file; a bound broken is a LimitExceeded.
    """
    file = Path(path)
    where = Location(str(file))
    with _open_zip(file, package, broken) as archive:
        members = archive.infolist()
        _check_directory(members, package, where)
        names = [info.filename for info in members]
        seen: set[str] = set()
        for name in names:
            if name in seen:
                raise broken(
                    _in_member(
                        name,
                        Phrase(
                            "встречается в архиве дважды: какую из двух прочтут, не знает никто",
                            "it is in the archive twice: which of the two is read is anyone's guess",
                        ),
                    ),
                    where,
                )
            seen.add(name)
        for required in package.required:
            if required not in seen:
                raise broken(
                    Phrase(
                        "файл не открывается как {noun}: в архиве нет части {member}",
                        "the file does not open as a {noun}: the archive has no part {member}",
                    ).format(noun=package.noun, member=required),
                    where,
                )
        try:
            handle = file.open("rb")
        except OSError as exc:
            raise broken(phrase("unreadable", detail=exc.strerror or exc), where) from None
        with handle:
            types = _ContentTypes()
            # The content types first: they say which other parts are XML.
            for info in sorted(members, key=lambda i: i.filename != _CONTENT_TYPES):
                if info.is_dir():
                    continue
                if info.filename == _CONTENT_TYPES:
                    target: _Nothing | None = types
                elif _is_xml(info.filename) or types.declares(info.filename):
                    target = _Nothing()
                else:
                    target = None
                _check_member(handle, info, target, broken, where)


_CHECKED: dict[tuple[Any, ...], None] = {}
_CHECKED_LIMIT = 256


def _checked_once(path: Path, package: Package, broken: Failure) -> None:
    """:func:`check_package`, skipped when this very file passed under the same limits."""
    try:
        found = path.stat()
    except OSError:
        found = None
    key = None
    if found is not None:
        key = (str(path), found.st_ino, found.st_size, found.st_mtime_ns, package, limits.current())
        if key in _CHECKED:
            return
    check_package(path, package, broken)
    if key is not None:
        if len(_CHECKED) >= _CHECKED_LIMIT:
            _CHECKED.pop(next(iter(_CHECKED)))
        _CHECKED[key] = None


def check_docx(path: str | os.PathLike[str], broken: Failure = as_template_error) -> None:
    """Raise a located error unless ``path`` is a sound Word document within the limits.

    Call it before ``docx.Document(path)``: after it, python-docx reads nothing unbounded.
    """
    _checked_once(Path(path), DOCX, broken)


def check_xlsx(path: str | os.PathLike[str], broken: Failure = as_table_error) -> None:
    """Raise a located error unless ``path`` is a sound Excel workbook within the limits."""
    _checked_once(Path(path), XLSX, broken)


def read_member(
    path: str | os.PathLike[str],
    member: str,
    package: Package = DOCX,
    broken: Failure = as_load_error,
) -> bytes:
    """One member of a package checked by :func:`check_package`, inflated within the bounds."""
    file = Path(path)
    where = Location(str(file))
    check_package(file, package, broken)
    with _open_zip(file, package, broken) as archive:
        try:
            info = archive.getinfo(member)
        except KeyError:
            raise broken(
                Phrase("в архиве нет части {member}", "the archive has no part {member}").format(
                    member=member
                ),
                where,
            ) from None
    with file.open("rb") as handle:
        return b"".join(_inflate(handle, info, info.file_size))
