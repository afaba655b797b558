"""The Chinese catalogue: complete, not fuzzy, compiled, and used by Django.

The .po file is parsed here with a small reader (no polib) so that the check needs nothing
beyond the standard library; the committed .mo is read with `gettext.GNUTranslations`, the
way Django reads it, since the machines that run the project may not have GNU gettext.
"""

from __future__ import annotations

import ast
import gettext as gnu_gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
ZH_PO = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
ZH_MO = ZH_PO.with_suffix(".mo")
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
EN_MO = EN_PO.with_suffix(".mo")

# Translations other code and people rely on word for word.
REQUIRED = {
    "The username or password is wrong.": "用户名或密码错误。",
    "A union must sit under a union of a higher level.": "工会只能隶属于更高一级的工会。",
    "Too many failed logins. This account is locked for a while; try again later.": (
        "登录失败次数过多，账号已被暂时锁定，请稍后再试。"
    ),
    "Too many failed logins. Try again later.": "登录失败次数过多，请稍后再试。",
    "Log in": "登录",
    "time": "时间",
    "Not found.": "未找到。",
    "The resident ID check digit is wrong.": "身份证号校验位错误",
}

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
# printf-style placeholders: %(name)s, %s, %d ...; "%%" is a literal percent sign.
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifreEgGxXoc%]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def label(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header first; obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    entry, part = Entry(), ""

    def finish() -> None:
        nonlocal entry, part
        if entry.line:
            entries.append(entry)
        entry, part = Entry(), ""

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if part.startswith("msgstr"):  # a comment after a msgstr starts the next entry
                finish()
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if part == "msgctxt":
                entry.msgctxt = (entry.msgctxt or "") + value
            elif part == "msgid":
                entry.msgid += value
            elif part == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + value
            elif part.startswith("msgstr"):
                index = int(part[7:-1]) if "[" in part else 0
                entry.msgstr[index] += value
            else:
                raise AssertionError(f"{path}:{number}: a string continues nothing")
            continue
        match = _KEYWORD.match(line)
        assert match, f"{path}:{number}: cannot read {raw!r}"
        keyword, index_text, value = match.group(1), match.group(2), ast.literal_eval(match.group(3))
        if keyword in ("msgctxt", "msgid") and part.startswith("msgstr"):
            finish()
        if not entry.line:
            entry.line = number
        part = keyword
        if keyword == "msgctxt":
            entry.msgctxt = value
        elif keyword == "msgid":
            entry.msgid = value
        elif keyword == "msgid_plural":
            entry.msgid_plural = value
        else:
            entry.msgstr[int(index_text or 0)] = value
    finish()
    return entries


def header_fields(entries: list[Entry]) -> dict[str, str]:
    header = entries[0]
    assert header.is_header, "the .po file must start with its header"
    pairs = (line.split(":", 1) for line in header.msgstr[0].splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def messages(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if not entry.is_header]


def test_the_po_reader_handles_multi_line_strings_plurals_and_flags(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n\n'
        '#, fuzzy, python-format\nmsgid ""\n"Two "\n"lines %(n)s"\nmsgstr "两行"\n\n'
        'msgctxt "menu"\nmsgid "%(counter)s event"\nmsgid_plural "%(counter)s events"\n'
        'msgstr[0] ""\n"共 %(counter)s 条"\n\n'
        '#~ msgid "Gone"\n#~ msgstr "旧"\n',
        encoding="utf-8",
    )
    header, single, plural = read_po(po)
    assert header_fields([header]) == {"Language": "zh_Hans"}
    assert (single.msgid, single.msgstr, single.flags) == (
        "Two lines %(n)s",
        {0: "两行"},
        {"fuzzy", "python-format"},
    )
    assert (plural.msgctxt, plural.msgid_plural, plural.msgstr) == (
        "menu",
        "%(counter)s events",
        {0: "共 %(counter)s 条"},
    )


def test_the_chinese_catalogue_header_is_final_with_one_plural_form() -> None:
    entries = read_po(ZH_PO)
    assert "fuzzy" not in entries[0].flags
    fields = header_fields(entries)
    assert fields["Language"] == "zh_Hans"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == "nplurals=1; plural=0;"


def test_every_message_has_a_chinese_translation() -> None:
    entries = messages(read_po(ZH_PO))
    assert entries, "the Chinese catalogue is empty; run makemessages"
    untranslated = [e.label for e in entries if not e.msgstr or not all(e.msgstr.values())]
    assert not untranslated, "translate these in zh_Hans/django.po:\n" + "\n".join(untranslated)


def test_no_chinese_translation_is_fuzzy() -> None:
    fuzzy = [e.label for e in messages(read_po(ZH_PO)) if "fuzzy" in e.flags]
    assert not fuzzy, "check and unflag these in zh_Hans/django.po:\n" + "\n".join(fuzzy)


def test_plural_messages_have_exactly_the_one_chinese_form() -> None:
    wrong = [e.label for e in messages(read_po(ZH_PO)) if e.msgid_plural and set(e.msgstr) != {0}]
    assert not wrong, "give these only msgstr[0]:\n" + "\n".join(wrong)


def test_translations_keep_the_placeholders_of_their_msgid() -> None:
    wrong = []
    for entry in messages(read_po(ZH_PO)):
        if "python-format" not in entry.flags and "python-brace-format" not in entry.flags:
            continue
        expected = sorted(_PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in entry.msgstr.values():
            if text and sorted(_PLACEHOLDER.findall(text)) != expected:
                wrong.append(f"{entry.label} → {text!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


@pytest.mark.parametrize(("msgid", "expected"), REQUIRED.items())
def test_required_messages_carry_their_agreed_chinese_text(msgid: str, expected: str) -> None:
    found = {e.msgid: e.msgstr.get(0) for e in messages(read_po(ZH_PO)) if e.msgctxt is None}
    if msgid not in found:
        pytest.skip(f"{msgid!r} is not in the code any more")
    assert found[msgid] == expected


def _catalog_key(entry: Entry, index: int | None) -> str | tuple[str, int]:
    msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
    return msgid if index is None else (msgid, index)


def _assert_mo_matches_po(po: Path, mo: Path) -> None:
    assert mo.exists(), f"{mo} is missing; run compilemessages"
    with mo.open("rb") as handle:
        # GNUTranslations exposes no public way to list its messages; _catalog is where
        # CPython keeps them, keyed by msgid or (msgid, plural index), context as "ctx\x04id".
        catalog = gnu_gettext.GNUTranslations(handle)._catalog
    expected: dict[object, str] = {}
    for entry in messages(read_po(po)):
        if "fuzzy" in entry.flags or not all(entry.msgstr.values()):
            continue  # msgfmt leaves out fuzzy and untranslated entries
        if entry.msgid_plural is None:
            expected[_catalog_key(entry, None)] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                expected[_catalog_key(entry, index)] = text
    stale = [repr(key) for key, text in expected.items() if catalog.get(key) != text]
    assert not stale, f"{mo} is out of date; run compilemessages:\n" + "\n".join(stale)
    extra = sorted(repr(key) for key in catalog if key != "" and key not in expected)
    assert not extra, f"{mo} holds messages no longer in {po.name}; run compilemessages:\n" + (
        "\n".join(extra)
    )


def test_the_committed_chinese_mo_matches_the_po() -> None:
    _assert_mo_matches_po(ZH_PO, ZH_MO)


def test_the_english_catalogue_is_final_and_compiled() -> None:
    entries = read_po(EN_PO)
    assert "fuzzy" not in entries[0].flags
    fields = header_fields(entries)
    assert fields["Language"] == "en"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    _assert_mo_matches_po(EN_PO, EN_MO)


def test_django_shows_chinese_for_zh_hans_and_the_msgid_for_english() -> None:
    # A variable, not a literal: makemessages would otherwise list this file as a source.
    log_in = "Log in"
    with translation.override("zh-hans"):
        assert translation.gettext(log_in) == "登录"
    with translation.override("en"):
        assert translation.gettext(log_in) == "Log in"


def test_django_uses_the_one_chinese_plural_form_for_every_count() -> None:
    plurals = [e for e in messages(read_po(ZH_PO)) if e.msgid_plural and e.msgctxt is None]
    for entry in plurals:
        assert entry.msgid_plural is not None
        for count in (0, 1, 2, 5):
            with translation.override("zh-hans"):
                chinese = translation.ngettext(entry.msgid, entry.msgid_plural, count)
            with translation.override("en"):
                english = translation.ngettext(entry.msgid, entry.msgid_plural, count)
            assert chinese == entry.msgstr[0], entry.label
            assert english == (entry.msgid if count == 1 else entry.msgid_plural), entry.label
