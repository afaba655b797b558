"""Cap rules (presets, versions, the admin API) and funds (the finance API and the ledger)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from bangfu.accounts.roles import Role
from bangfu.grants.models import CapRule, Grant
from bangfu.grants.tests import factories
from bangfu.grants.tests.conftest import api
from bangfu.registry.tests.factories import policy
from bangfu.treasury.models import Fund, FundEntry

YEAR = timezone.localdate().year


def test_the_daqing_preset_command_loads_once(db, capsys) -> None:
    call_command("load-cap-presets", "--region", "990100", "--year", str(YEAR))
    assert "living" in capsys.readouterr().out
    call_command("load-cap-presets", "--region", "990100", "--year", str(YEAR), "--preset", "daqing")
    rules = {r.aid_type: r for r in CapRule.objects.all()}
    assert len(rules) == CapRule.objects.count() == 6  # nothing new the second time
    # domain.md §7: caps 7,000 / 49,800 / 6,835.
    assert [rules[t].yearly_cap for t in ("living", "medical", "education")] == [7000, 49800, 6835]
    assert (rules["living"].basis, rules["medical"].basis) == ("per_household", "per_person")


def test_the_generic_preset_computes_living_caps_from_the_dibao_in_force(db) -> None:
    # domain.md §5: living aid ≤ 12 months of dibao (deep) or 8 months (relative).
    policy(region_code="990100", dibao="850")
    call_command("load-cap-presets", "--region", "990101", "--year", str(YEAR), "--preset", "generic")
    living = CapRule.objects.get(aid_type="living")
    assert living.category_caps == {"deep": "10200.00", "relative": "6800.00"}
    assert living.policy is not None and living.policy.dibao_monthly == Decimal("850")
    medical = CapRule.objects.get(aid_type="medical")
    assert (medical.lifetime_cap, medical.ratios) == (Decimal("150000"), {"deep": "1.00", "relative": "0.80"})


def test_the_generic_preset_needs_a_policy(db) -> None:
    with pytest.raises(CommandError, match="No policy"):
        call_command("load-cap-presets", "--region", "990100", "--year", str(YEAR), "--preset", "generic")
    assert not CapRule.objects.exists()


def test_a_new_preset_revises_the_rule_and_a_grant_keeps_the_version_that_decided_it(
    tree, people, money
) -> None:
    case = factories.open_case(tree.g11)
    grant_id = (
        api(people.clerk)
        .post("/api/v1/grants/", {"case": case.pk, "aid_type": "living", "amount": "1000"}, format="json")
        .json()["id"]
    )
    api(people.reviewer).post(f"/api/v1/grants/{grant_id}/approve/", {}, format="json")
    policy(region_code="990100", dibao="850")
    call_command("load-cap-presets", "--region", "990100", "--year", str(YEAR), "--preset", "generic")
    old, new = CapRule.objects.filter(aid_type="living").order_by("version")
    assert (old.version, old.active, new.version, new.active) == (1, False, 2, True)
    assert Grant.objects.get(pk=grant_id).cap_rule == old


def test_an_administrator_manages_cap_rules_through_the_api(tree, make_user) -> None:
    admin, reviewer = make_user(Role.ADMIN, tree.city), make_user(Role.REVIEWER, tree.d1)
    payload = {
        "region_code": "990100", "year": YEAR, "aid_type": "temporary", "basis": "per_household",
        "yearly_cap": "2000.00", "allowed_categories": ["deep", "relative", "accident"],
        "multiplicity": {"deep": "several", "relative": "one_kind"},
    }  # fmt: skip
    assert api(reviewer).post("/api/v1/cap-rules/", payload, format="json").status_code == 403
    created = api(admin).post("/api/v1/cap-rules/", payload, format="json")
    assert created.status_code == 201 and created.json()["version"] == 1
    again = api(admin).post("/api/v1/cap-rules/", payload, format="json")
    assert (again.status_code, again.json()["errors"][0]["code"]) == (409, "cap_rule_exists")
    bad = api(admin).post("/api/v1/cap-rules/", {**payload, "ratios": {"rich": "1"}}, format="json")
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (400, "ratios")
    revised = api(admin).post(
        f"/api/v1/cap-rules/{created.json()['id']}/revise/", {"yearly_cap": "2500"}, format="json"
    )
    assert (revised.json()["version"], revised.json()["yearly_cap"]) == (2, "2500.00")
    listed = api(reviewer).get("/api/v1/cap-rules/", {"aid_type": "temporary"}).json()["results"]
    assert [(r["version"], r["active"]) for r in listed] == [(2, True), (1, False)]


def test_finance_sets_up_a_fund_and_records_receipts_once_per_key(tree, people) -> None:
    client = api(people.finance)
    fund = client.post(
        "/api/v1/funds/", {"org": "t-d1", "name": "东城区帮扶资金", "source": "union"}, format="json"
    )
    assert fund.status_code == 201 and fund.json()["balance"] == "0.00"
    url = f"/api/v1/funds/{fund.json()['id']}/receipts/"
    body = {"amount": "20000.50", "source_note": "慈善一日捐", "received_on": "2026-03-01"}
    for _ in range(2):
        assert client.post(url, body, format="json", headers={"Idempotency-Key": "r-1"}).status_code == 201
    assert FundEntry.objects.filter(kind="receipt").count() == 1
    bad = client.post(url, {**body, "amount": "-5"}, format="json")
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (400, "amount")
    detail = client.get(f"/api/v1/funds/{fund.json()['id']}/").json()
    assert (detail["balance"], detail["committed"]) == ("20000.50", "0.00")
    entries = client.get(f"/api/v1/funds/{fund.json()['id']}/entries/").json()["results"]
    assert [(e["kind"], e["amount"], e["balance_after"]) for e in entries] == [
        ("receipt", "20000.50", "20000.50")
    ]


def test_only_finance_manages_funds_and_only_in_scope(tree, people, make_user) -> None:
    body = {"org": "t-d1", "name": "资金", "source": "donation"}
    assert api(people.reviewer).post("/api/v1/funds/", body, format="json").status_code == 403
    d2_finance = make_user(Role.FINANCE, tree.d2)
    refused = api(d2_finance).post("/api/v1/funds/", body, format="json")
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (400, "org")
    assert not Fund.objects.exists()


def test_a_fund_never_goes_below_zero(tree, people) -> None:
    from bangfu.core.errors import Conflict
    from bangfu.treasury.services.funds import fund_entry_reverse

    fund = factories.fund(tree.d1, "1000")
    receipt = fund.entries.get()
    factories.daqing_caps()
    case = factories.open_case(tree.g11)
    grant_id = (
        api(people.clerk)
        .post("/api/v1/grants/", {"case": case.pk, "aid_type": "living", "amount": "600"}, format="json")
        .json()["id"]
    )
    api(people.reviewer).post(f"/api/v1/grants/{grant_id}/approve/", {}, format="json")
    with pytest.raises(Conflict) as refused:
        fund_entry_reverse(actor=people.finance, entry=receipt, reason="录入错误")
    assert refused.value.code == "fund_insufficient" and refused.value.extra == {"remaining": "400.00"}
    fund.refresh_from_db()
    assert (fund.balance, fund.committed) == (Decimal("400"), Decimal("600"))
