"""Opening a fund from the funds page: the organisation code is looked up in the user's subtree."""

from __future__ import annotations

from django.test import Client

from bangfu.treasury.models import Fund


def _open_fund(user, code: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.post("/funds/", {"org": code, "name": "新设资金", "source": "union"})
    assert response.status_code == 200  # the page again, with the refusal on the form
    return response.content.decode()


def test_an_unknown_organisation_code_opens_no_fund_instead_of_one_at_home(tree, people, money) -> None:
    page = _open_fund(people.finance, "no-such-org")
    assert "No organisation in your scope has this code." in page
    assert not Fund.objects.filter(name="新设资金").exists()


def test_a_code_outside_the_subtree_is_refused_the_same_way(tree, people, money, make_user) -> None:
    d1_finance = make_user("finance", tree.d1)
    page = _open_fund(d1_finance, tree.d2.code)
    assert "No organisation in your scope has this code." in page
    assert not Fund.objects.filter(name="新设资金").exists()
