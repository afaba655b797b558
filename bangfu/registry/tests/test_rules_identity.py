"""Resident ID rules (domain.md §2: a person is identified by an 18-digit GB 11643 ID)."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.cn import ric

from bangfu.registry.rules.identity import (
    IdentityError,
    make_resident_id,
    parse_resident_id,
    with_check_digit,
)

TODAY = date(2025, 6, 1)


def error_code(value: str, on: date = TODAY) -> str:
    with pytest.raises(IdentityError) as caught:
        parse_resident_id(value, on=on)
    assert caught.value.message
    return caught.value.code


def test_it_accepts_the_python_stdnum_documented_example() -> None:
    # python-stdnum's cn.ric docstring: validate('360426199101010071') is valid
    parsed = parse_resident_id("360426199101010071", on=TODAY)
    assert parsed.birth_date == date(1991, 1, 1)
    assert parsed.region_code == "360426"
    assert parsed.male is True  # 17th digit 7 is odd
    assert parsed.sex == "male"


def test_it_accepts_a_lower_case_x_check_digit_and_surrounding_spaces() -> None:
    # GB 11643-1999: check digit 10 is written X; 11010519491231002X is the standard's sample
    parsed = parse_resident_id("  11010519491231002x ", on=TODAY)
    assert parsed.number == "11010519491231002X"
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.sex == "female"  # 17th digit 2 is even


def test_it_refuses_a_wrong_check_digit() -> None:
    # GB 11643-1999: the 18th character is the ISO 7064 MOD 11-2 check of the first 17
    assert error_code("360426199101010072") == "invalid_checksum"
    assert error_code("110105194912310021") == "invalid_checksum"


def test_it_refuses_the_wrong_length() -> None:
    assert error_code("36042619910101007") == "invalid_length"
    assert error_code("3604261991010100711") == "invalid_length"
    assert error_code("") == "invalid_length"


def test_it_refuses_letters_other_than_a_final_x() -> None:
    assert error_code("36042619910101A071") == "invalid_format"
    assert error_code("36042619910101007Y") == "invalid_format"


def test_it_refuses_an_impossible_birth_date_with_a_correct_check_digit() -> None:
    # 30 February does not exist; the check digit is right, so only the date is wrong
    number = with_check_digit("11010520000230123")
    assert ric.calc_check_digit(number) == number[-1]
    assert error_code(number) == "invalid_birth_date"


def test_it_refuses_a_birth_year_before_1900() -> None:
    assert error_code(with_check_digit("11010518991231123")) == "invalid_birth_date"


def test_it_refuses_a_birth_date_after_the_reference_day() -> None:
    number = make_resident_id("110105", date(2025, 6, 2), 1, male=True)
    assert error_code(number, on=date(2025, 6, 1)) == "future_birth_date"
    assert parse_resident_id(number, on=date(2025, 6, 2)).birth_date == date(2025, 6, 2)


def test_it_makes_ids_that_parse_back_with_the_chosen_sex() -> None:
    for male in (True, False):
        number = make_resident_id("440305", date(1988, 2, 29), 37, male=male)
        parsed = parse_resident_id(number, on=TODAY)
        assert ric.calc_check_digit(number) == number[-1]
        assert (parsed.birth_date, parsed.male) == (date(1988, 2, 29), male)


def test_it_makes_an_x_check_digit_when_the_checksum_is_ten() -> None:
    numbers = [make_resident_id("110105", date(1990, 1, 1), seq, True) for seq in range(60)]
    assert any(n.endswith("X") for n in numbers)
    assert all(parse_resident_id(n, on=TODAY).male for n in numbers)


def test_it_refuses_to_make_an_id_from_a_bad_region_or_sequence() -> None:
    with pytest.raises(ValueError):
        make_resident_id("11010", date(1990, 1, 1), 1, True)
    with pytest.raises(ValueError):
        make_resident_id("110105", date(1990, 1, 1), 500, True)


def test_it_computes_age_in_whole_years() -> None:
    parsed = parse_resident_id("360426199101010071", on=TODAY)
    assert parsed.age_on(date(2025, 12, 31)) == 34
    assert parsed.age_on(date(2026, 1, 1)) == 35
