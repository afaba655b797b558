"""Phone and bank-account rules (issue 12 §4: `xyz-not-an-account` and `abc` reached the bank file)."""

from __future__ import annotations

import pytest

from bangfu.registry.rules.contact import check_bank_account, check_phone


@pytest.mark.parametrize(
    "text, stored",
    [
        ("13800138000", "13800138000"),  # mobile: 11 digits from 13 to 19 (MIIT plan)
        ("+8613800138000", "+8613800138000"),
        ("199 0000 1234", "19900001234"),
        ("0571-87654321", "0571-87654321"),  # landline: 4-digit area code, 8-digit number
        ("010-12345678", "010-12345678"),  # 3-digit area code (Beijing)
        ("0531-8765432-801", "0531-8765432-801"),  # with an extension
        ("", ""),  # not given: nothing to check
    ],
)
def test_mainland_mobiles_and_landlines_are_accepted(text: str, stored: str) -> None:
    checked = check_phone(text)
    assert (checked.value, checked.problem) == (stored, "")


@pytest.mark.parametrize("text", ["abc", "12345678901", "1380013800", "138001380001", "87654321", "0571-876"])
def test_what_is_not_a_mainland_phone_is_refused(text: str) -> None:
    checked = check_phone(text)
    assert checked.problem == "phone_invalid"
    assert "0571-87654321" in checked.message


def test_a_bank_account_is_digits_only() -> None:
    assert check_bank_account("xyz-not-an-account").problem == "account_not_digits"
    assert check_bank_account("６２２２０２０００００００１２３４").problem == "account_not_digits"


@pytest.mark.parametrize("text", ["622202000", "1" * 31])
def test_a_bank_account_has_12_to_30_digits(text: str) -> None:
    assert check_bank_account(text).problem == "account_length"


def test_spaces_and_hyphens_are_dropped_from_an_account() -> None:
    assert check_bank_account("6228 4800 1234 5678 901").value == "6228480012345678901"


def test_a_card_number_failing_luhn_is_warned_about_not_refused() -> None:
    # 4111 1111 1111 1111 is the card industry's Luhn-valid test number (ISO/IEC 7812-1 Annex B)
    assert check_bank_account("4111111111111111").warning == ""
    wrong = check_bank_account("4111111111111112")
    assert (wrong.problem, wrong.warning) == ("", "account_luhn")
    assert wrong.warning_message
    # a 20-digit settlement account is not a card: no Luhn check
    assert check_bank_account("12345678901234567890").warning == ""
