"""Hostile and broken templates: zip bombs, lying headers, damaged packages, DOCTYPEs, links.

Every case is one located message (the file, and the part of it) and exit code 1, never a
traceback; the bombs run in a child process whose memory is capped, so a check that inflates
before it counts fails the test instead of the machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmapdocs import archive, limits
from roadmapdocs.cli import main
from roadmapdocs.errors import LimitExceeded, LoadError, RoadmapdocsError, TemplateError
from roadmapdocs.messages import language
from roadmapdocs.templates import Registry
from tests.conftest import EXAMPLES

from .wording import is_english

BUILTIN = Registry(use_env=False, packs=False).get("school/order")
MEMORY = 2 << 30
"""What a child process running a bomb may map: far below what inflating the bomb would take."""
_MIB = 1 << 20


# --- building hostile archives ------------------------------------------------------------------


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def write_package(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def padded_stream(head: bytes, mebibytes: int) -> bytes:
    """A raw deflate stream of ``head`` then ``mebibytes`` MiB of spaces (valid after an XML root).

    After a full flush the compressor starts afresh, so every MiB of spaces compresses to the same
    bytes: the stream is built by repeating them, without compressing gigabytes.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    spaces = b" " * _MIB
    block = compressor.compress(spaces) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(spaces) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == again
    return start + block * mebibytes + compressor.flush()


def forged_package(
    path: Path, members: dict[str, bytes], name: str, stream: bytes, declared: int, crc: int
) -> Path:
    """A ZIP written byte by byte: ``members`` as they are, and ``name`` as the raw deflate
    ``stream`` whose headers declare ``declared`` bytes and checksum ``crc``."""
    entries: list[tuple[str, bytes, int, int]] = []
    for member, data in members.items():
        compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        packed = compressor.compress(data) + compressor.flush()
        if member == name:
            entries.append((member, stream, declared, crc))
        else:
            entries.append((member, packed, len(data), zlib.crc32(data)))
    body = bytearray()
    directory = bytearray()
    for member, packed, size, checksum in entries:
        encoded = member.encode()
        offset = len(body)
        fields = (20, 0, 8, 0, 0, checksum, len(packed), size, len(encoded), 0)
        body += b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields) + encoded + packed
        directory += (
            b"PK\x01\x02"
            + struct.pack("<HHHHHHIIIHHHHHII", 20, *fields, 0, 0, 0, 0, offset)
            + encoded
        )
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    path.write_bytes(bytes(body + directory + end))
    return path


def template_folder(root: Path, docx: Callable[[Path], object] | bytes | None = None) -> Path:
    """``root/school/order``: the built-in manifest and a .docx made by ``docx`` (else the built-in)."""
    folder = root / "school" / "order"
    folder.mkdir(parents=True)
    shutil.copyfile(BUILTIN.folder / "template.toml", folder / "template.toml")
    target = folder / "template.docx"
    if docx is None:
        shutil.copyfile(BUILTIN.docx, target)
    elif isinstance(docx, bytes):
        target.write_bytes(docx)
    else:
        docx(target)
    return folder


def with_member(name: str, change: Callable[[bytes], bytes | None]) -> Callable[[Path], object]:
    """A builder of the built-in .docx with member ``name`` changed (``None``: removed)."""

    def build(target: Path) -> None:
        members = members_of(BUILTIN.docx)
        changed = change(members[name])
        if changed is None:
            del members[name]
        else:
            members[name] = changed
        write_package(target, members)

    return build


def run_capped(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line in a child whose address space is capped at ``MEMORY``, for 120 s."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run(
        [sys.executable, "-m", "roadmapdocs.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=cap,
        env={**os.environ, **(env or {})},
    )


def assert_refused(done: subprocess.CompletedProcess[str], path: Path, *fragments: str) -> str:
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output and "MemoryError" not in output, output
    assert str(path) in output, output
    for fragment in fragments:
        assert fragment in output, output
    return output


_LAUGHS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>\n"
)


def with_doctype(doctype: bytes, entity: str) -> Callable[[bytes], bytes]:
    """A header part with ``doctype`` before its root and ``&entity;`` in a paragraph."""

    def change(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1].lstrip() if xml.startswith(b"<?xml") else xml
        use = f"<w:p><w:r><w:t>&{entity};</w:t></w:r></w:p></w:hdr>".encode()
        return doctype + body.replace(b"</w:hdr>", use, 1)

    return change


HEADER = "word/header1.xml"
DOCUMENT = "word/document.xml"


# --- zip bombs ----------------------------------------------------------------------------------


def test_a_bomb_declared_in_the_directory_is_refused_before_anything_is_inflated(
    tmp_path: Path,
) -> None:
    """The reported case: 3 MB that inflate to 3 GB; today it took 3.2 GB and said nothing."""
    real = members_of(BUILTIN.docx)
    stream = padded_stream(real[DOCUMENT], 3 * 1024)
    size = len(real[DOCUMENT]) + 3 * 1024 * _MIB
    folder = tmp_path / "school" / "order"
    template_folder(tmp_path, lambda t: forged_package(t, real, DOCUMENT, stream, size, 0))
    docx = folder / "template.docx"
    assert docx.stat().st_size < 4 * _MIB
    output = assert_refused(
        run_capped("templates", "lint", str(folder)),
        docx,
        f"часть {DOCUMENT}",
        "archive_member_bytes = 200 000 000",
        "ROADMAPDOCS_LIMIT_ARCHIVE_MEMBER_BYTES",
        "[limits]",
    )
    assert "3 221 " in output  # the declared size, as the directory gives it


def test_a_bomb_with_lying_headers_is_stopped_at_its_declared_size_on_render(
    tmp_path: Path,
) -> None:
    """The directory claims the part's real size and checksum; the data inflates to 3 GB more."""
    real = members_of(BUILTIN.docx)
    head = real[DOCUMENT]
    stream = padded_stream(head, 3 * 1024)
    root = tmp_path / "templates"
    template_folder(
        root, lambda t: forged_package(t, real, DOCUMENT, stream, len(head), zlib.crc32(head))
    )
    docx = root / "school" / "order" / "template.docx"
    out = tmp_path / "out.docx"
    assert_refused(
        run_capped(
            "render", str(EXAMPLES / "school-order.yaml"), "--templates", str(root), "-o", str(out)
        ),
        docx,
        f"часть {DOCUMENT}",
        "заголовки архива подделаны",
    )
    assert not out.exists()


def test_a_member_compressed_beyond_the_ratio_is_refused(tmp_path: Path) -> None:
    real = members_of(BUILTIN.docx)
    real["word/media/filler.bin"] = bytes(20 * _MIB)
    docx = write_package(tmp_path / "ratio.docx", real)
    with pytest.raises(LimitExceeded) as caught:
        archive.check_docx(docx)
    assert caught.value.limit == "archive_ratio"
    assert "word/media/filler.bin" in str(caught.value)
    assert str(docx) in str(caught.value)
    with limits.override(archive_ratio=100_000):
        archive.check_docx(docx)  # raising the limit lets the file through


@pytest.mark.parametrize(
    ("limit", "value", "fragment"),
    [
        ("archive_members", 5, "частей в архиве: 13"),
        ("archive_total_bytes", 10_000, "все части архива вместе распаковываются"),
        ("archive_member_bytes", 10_000, f"часть {DOCUMENT}"),
        ("file_bytes", 1_000, "файл занимает"),
    ],
)
def test_each_bound_names_itself_and_how_to_raise_it(limit: str, value: int, fragment: str) -> None:
    with limits.override(**{limit: value}), pytest.raises(LimitExceeded) as caught:
        archive.check_docx(BUILTIN.docx)
    message = str(caught.value)
    assert caught.value.limit == limit
    assert message.startswith(f"{BUILTIN.docx}: ")
    assert fragment in message
    assert f"ROADMAPDOCS_LIMIT_{limit.upper()}" in message
    assert f"limits.override({limit}=…)" in message


def test_too_many_members_are_refused_before_the_directory_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as package:
        for number in range(12_000):
            package.writestr(f"m{number}", b"")

    def unread(*_: object, **__: object) -> None:
        raise AssertionError("the directory was read")

    monkeypatch.setattr(archive.zipfile, "ZipFile", unread)
    with pytest.raises(LimitExceeded) as caught:
        archive.check_docx(path)
    assert caught.value.limit == "archive_members"
    assert "частей в архиве: 12 000" in str(caught.value)


def test_a_limit_set_in_the_environment_applies_to_the_command_line(tmp_path: Path) -> None:
    folder = template_folder(tmp_path)
    env = {"ROADMAPDOCS_LIMIT_ARCHIVE_MEMBER_BYTES": "10000"}
    assert_refused(
        run_capped("templates", "lint", str(folder), env=env),
        folder / "template.docx",
        "archive_member_bytes = 10 000",
    )


def test_a_bomb_member_read_alone_is_bounded(tmp_path: Path) -> None:
    real = members_of(BUILTIN.docx)
    head = real[DOCUMENT]
    forged = forged_package(
        tmp_path / "imported.docx", real, DOCUMENT, padded_stream(head, 64), len(head), 0
    )
    with pytest.raises(LoadError) as caught:
        archive.read_member(forged, DOCUMENT)
    assert str(forged) in str(caught.value)
    assert archive.read_member(BUILTIN.docx, DOCUMENT) == head


# --- damaged and hostile packages -----------------------------------------------------------------


def _truncated(target: Path) -> None:
    target.write_bytes(BUILTIN.docx.read_bytes()[: BUILTIN.docx.stat().st_size // 2])


def _corrupted(target: Path) -> None:
    """The document part's data changed in place: the directory still reads, the checksum not."""
    data = bytearray(BUILTIN.docx.read_bytes())
    with zipfile.ZipFile(BUILTIN.docx) as package:
        info = package.getinfo(DOCUMENT)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 50
    data[start : start + 8] = b"\xff" * 8
    target.write_bytes(bytes(data))


def _future_version(target: Path) -> None:
    """A directory entry asking for a ZIP version no reader knows: zipfile raises
    NotImplementedError on opening, not BadZipFile."""
    data = bytearray(BUILTIN.docx.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central-directory entry
    data[entry + 6 : entry + 8] = (99).to_bytes(2, "little")  # «version needed to extract»
    target.write_bytes(bytes(data))


def _twice(target: Path) -> None:
    members = members_of(BUILTIN.docx)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package, pytest.warns(UserWarning):
        for name, data in members.items():
            package.writestr(name, data)
        package.writestr(DOCUMENT, b"<w:document/>")


_EXTERNAL = (
    b'<?xml version="1.0"?>\n<!DOCTYPE w:hdr [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
)

BROKEN: list[tuple[str, Callable[[Path], object] | bytes, str]] = [
    ("not-a-zip", b"just some text, renamed to .docx", "это не архив ZIP"),
    ("empty", b"", "файл пуст (0 байт)"),
    ("old-word", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "старого формата Word (.doc)"),
    ("truncated", _truncated, "архив ZIP повреждён или обрезан"),
    ("future-version", _future_version, "архив ZIP повреждён или обрезан"),
    ("corrupted", _corrupted, f"часть {DOCUMENT}: данные повреждены"),
    (
        "bad-xml",
        with_member(DOCUMENT, lambda xml: xml[:-200]),
        f"часть {DOCUMENT}: неправильный XML",
    ),
    ("no-document", with_member(DOCUMENT, lambda _: None), f"в архиве нет части {DOCUMENT}"),
    ("twice", _twice, f"часть {DOCUMENT}: встречается в архиве дважды"),
    (
        "laughs",
        with_member(HEADER, with_doctype(_LAUGHS, "lol9")),
        f"часть {HEADER}: XML содержит объявление DOCTYPE",
    ),
    (
        "external",
        with_member(HEADER, with_doctype(_EXTERNAL, "secret")),
        f"часть {HEADER}: XML содержит объявление DOCTYPE",
    ),
]


@pytest.mark.parametrize(("case", "docx", "expected"), BROKEN, ids=[c[0] for c in BROKEN])
@pytest.mark.parametrize("command", ["lint", "show"])
def test_a_broken_template_is_one_located_message_and_exit_1(
    tmp_path: Path, case: str, docx: Callable[[Path], object] | bytes, expected: str, command: str
) -> None:
    folder = template_folder(tmp_path, docx)
    args = (
        ["templates", "lint", str(folder)]
        if command == "lint"
        else ["templates", "show", "school/order", "--templates", str(tmp_path)]
    )
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert f"{folder / 'template.docx'}: " in result.output
    assert expected in result.output
    assert "root:" not in result.output  # an external entity is never read
    assert "lollol" not in result.output  # nor an internal one expanded


def test_a_doctype_in_a_header_stops_a_render_with_one_message(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    template_folder(root, with_member(HEADER, with_doctype(_LAUGHS, "lol9")))
    out = tmp_path / "out.docx"
    assert_refused(
        run_capped(
            "render", str(EXAMPLES / "school-order.yaml"), "--templates", str(root), "-o", str(out)
        ),
        root / "school" / "order" / "template.docx",
        f"часть {HEADER}: XML содержит объявление DOCTYPE",
    )
    assert not out.exists()


def test_a_part_declared_xml_by_its_content_type_is_parsed_whatever_its_name(
    tmp_path: Path,
) -> None:
    members = members_of(BUILTIN.docx)
    types = members["[Content_Types].xml"]
    odd = b'<Override PartName="/word/custom.bin" ContentType="application/xml"/></Types>'
    members["[Content_Types].xml"] = types.replace(b"</Types>", odd)
    members["word/custom.bin"] = b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'
    path = write_package(tmp_path / "t.docx", members)
    with pytest.raises(TemplateError) as caught:
        archive.check_docx(path)
    assert "часть word/custom.bin: XML содержит объявление DOCTYPE" in str(caught.value)
    members["word/custom.bin"] = b"\x89PNG, not XML"
    del members["[Content_Types].xml"]
    members = {"[Content_Types].xml": types, **members}
    archive.check_docx(write_package(tmp_path / "png.docx", members))  # not declared: not parsed


def test_broken_packages_are_worded_in_the_language_of_the_call(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    path.write_bytes(b"plain text")
    with language("en"), pytest.raises(TemplateError) as caught:
        archive.check_docx(path)
    assert is_english(caught.value.message), caught.value.message
    assert "is not a ZIP archive" in caught.value.message


def test_a_file_changed_after_it_passed_is_checked_again(tmp_path: Path) -> None:
    path = tmp_path / "t.docx"
    shutil.copyfile(BUILTIN.docx, path)
    archive.check_docx(path)
    with_member(HEADER, with_doctype(_LAUGHS, "lol9"))(path)
    with pytest.raises(TemplateError, match="DOCTYPE"):
        archive.check_docx(path)


def test_a_table_error_is_not_a_template_error(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"")
    with pytest.raises(RoadmapdocsError) as caught:
        archive.check_xlsx(path)
    assert not isinstance(caught.value, TemplateError)
    assert "таблица Excel (.xlsx)" in str(caught.value)


# --- what template.docx is ------------------------------------------------------------------------


def _fork_folder(root: Path) -> Path:
    """A fork of the built-in order (same name, ``extends`` it) with no .docx of its own yet."""
    folder = root / "school" / "order"
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        '[template]\nname = "school/order"\nkind = "order"\nextends = "school/order"\n',
        encoding="utf-8",
    )
    return folder


def test_a_template_docx_that_is_a_folder_does_not_fall_back_to_the_parent(tmp_path: Path) -> None:
    folder = _fork_folder(tmp_path)
    assert Registry([tmp_path], use_env=False, packs=False).get("school/order").docx == BUILTIN.docx
    (folder / "template.docx").mkdir()
    with pytest.raises(TemplateError) as caught:
        Registry([tmp_path], use_env=False, packs=False).get("school/order").docx  # noqa: B018
    assert str(caught.value).startswith(f"{folder / 'template.docx'}: ")
    assert "папка, а не файл" in str(caught.value)
    result = CliRunner().invoke(main, ["templates", "lint", str(folder)])
    assert result.exit_code == 1
    assert "папка, а не файл" in result.output


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_out_of_the_template_folder_is_refused_and_one_inside_is_followed(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "elsewhere.docx"
    shutil.copyfile(BUILTIN.docx, outside)
    root = tmp_path / "templates"
    folder = template_folder(root, lambda t: t.symlink_to(outside))
    result = CliRunner().invoke(main, ["templates", "lint", str(folder)])
    assert result.exit_code == 1
    assert f"{folder / 'template.docx'}: " in result.output
    assert "ссылка за пределы папки шаблона" in result.output
    # fork would have copied the outside file: it is refused the same way
    with pytest.raises(TemplateError, match="ссылка за пределы"):
        Registry([root], use_env=False, packs=False).get("school/order").docx  # noqa: B018

    (folder / "template.docx").unlink()
    shutil.copyfile(BUILTIN.docx, folder / "real.docx")
    (folder / "template.docx").symlink_to("real.docx")
    assert CliRunner().invoke(main, ["templates", "lint", str(folder)]).exit_code == 0

    (folder / "real.docx").unlink()
    dangling = CliRunner().invoke(main, ["templates", "lint", str(folder)])
    assert dangling.exit_code == 1
    assert "ссылка, которая никуда не ведёт" in dangling.output


def test_fork_refuses_a_broken_template_and_makes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    template_folder(root, with_member(HEADER, with_doctype(_LAUGHS, "lol9")))
    destination = tmp_path / "copy"
    result = CliRunner().invoke(
        main, ["templates", "fork", "school/order", str(destination), "--templates", str(root)]
    )
    assert result.exit_code == 1
    assert f"{root / 'school' / 'order' / 'template.docx'}: " in result.output
    assert "DOCTYPE" in result.output
    assert not destination.exists()


def test_every_built_in_template_passes_the_check() -> None:
    registry = Registry(use_env=False, packs=False)
    for name in registry.names():
        archive.check_docx(registry.get(name).docx)
