"""Placement rules of the organisation tree (domain.md §1: 全国总工会 → … → 基层工会)."""

from bangfu.accounts.models import OrgKind
from bangfu.accounts.rules import placement_error


def test_unions_nest_top_down_and_may_skip_a_level() -> None:
    assert placement_error(OrgKind.PROVINCIAL_UNION, OrgKind.NATIONAL_UNION) is None
    assert placement_error(OrgKind.GRASSROOTS_UNION, OrgKind.CITY_UNION) is None


def test_a_union_cannot_sit_under_its_own_level_or_lower() -> None:
    assert placement_error(OrgKind.CITY_UNION, OrgKind.CITY_UNION)
    assert placement_error(OrgKind.COUNTY_UNION, OrgKind.GRASSROOTS_UNION)


def test_departments_sit_under_a_regional_union_and_hold_nothing() -> None:
    assert placement_error(OrgKind.CIVIL_AFFAIRS, OrgKind.COUNTY_UNION) is None
    assert placement_error(OrgKind.CIVIL_AFFAIRS, OrgKind.GRASSROOTS_UNION)
    assert placement_error(OrgKind.GRASSROOTS_UNION, OrgKind.CIVIL_AFFAIRS)
    assert placement_error(OrgKind.HRSS, None)


def test_any_union_may_be_a_root() -> None:
    assert placement_error(OrgKind.PROVINCIAL_UNION, None) is None
