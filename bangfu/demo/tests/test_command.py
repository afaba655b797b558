"""`bangfu demo`: the city tree, every login, run twice, and refusing a database with real data."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from bangfu.accounts.models import Organisation, User
from bangfu.demo import logins
from bangfu.demo.logins import DEMO_PASSWORD, LOGINS


def test_demo_creates_the_city_tree_and_every_login_and_can_run_twice(db: None) -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=io.StringIO())  # a second run adds nothing (one demo load: it is slow)

    assert Organisation.objects.get(code="demo-city").name == "长宁市总工会"
    assert Organisation.objects.filter(kind="county_union").count() == 4
    assert Organisation.objects.filter(kind="grassroots_union").count() == 20
    for login in LOGINS:
        assert login.username in out.getvalue()
        user = User.objects.get(username=login.username)
        assert user.check_password(DEMO_PASSWORD)
        assert (user.role, user.org.code) == (login.role, login.org_code)
    logins = User.objects.filter(username__in=[login.username for login in LOGINS])
    assert logins.count() == len(LOGINS)
    # Besides the logins only the demo's agents, who cannot sign in, one per union without a login.
    agents = User.objects.exclude(pk__in=logins)
    assert agents.count() == 21 and not any(user.has_usable_password() for user in agents)


def test_demo_refuses_a_database_with_real_data(db: None) -> None:
    Organisation.objects.add_root(
        {"code": "gd-prov", "name": "广东省总工会", "kind": "provincial_union", "division_code": "440000"}
    )
    with pytest.raises(CommandError, match="非演示数据"):
        call_command("demo", stdout=io.StringIO())
    assert not User.objects.exists()


def test_the_agents_are_demo_data_but_a_stray_user_is_not(db: None) -> None:
    logins.load_orgs()
    logins.load_users()
    logins.load_agents()
    assert logins.is_demo_database()
    User.objects.create(username="zhangsan", org=Organisation.objects.get(code="demo-d1-g01"))
    assert not logins.is_demo_database()
