"""Demo organisations and logins: a fictional city union, its districts and departments.

Besides the logins, the demo gives every grassroots union without one a caseworker and every
district union without one a reviewer (usernames `demo-<org>-clerk` and `demo-<org>-reviewer`,
accounts that cannot sign in): the staff in whose name the services record the
steps taken there, so that no step is written around the workflow.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bangfu.accounts import services
from bangfu.accounts.models import Organisation, OrgKind, User
from bangfu.accounts.roles import Role
from bangfu.demo.names import cadre_name

DEMO_PASSWORD = "bangfu-demo"  # noqa: S105  (demo data only; `bangfu demo` refuses real databases)
DEMO_PREFIX = "demo-"

DISTRICTS = [
    ("d1", "东城区", "990101"),
    ("d2", "西城区", "990102"),
    ("d3", "南湖区", "990103"),
    ("d4", "北山区", "990104"),
]
EMPLOYERS = [
    "第一机床厂", "纺织集团", "市公交公司", "热电厂", "钢铁公司",
    "煤矿集团", "市第一医院", "食品公司", "建筑安装公司", "环卫中心",
    "化工厂", "石油机械厂", "商贸集团", "水务公司", "电子科技公司",
    "物流公司", "汽车配件厂", "市第二中学", "家政服务公司", "农机公司",
]  # fmt: skip
CITY_DEPARTMENTS = [
    ("civil", "长宁市民政局", OrgKind.CIVIL_AFFAIRS),
    ("hrss", "长宁市人力资源和社会保障局", OrgKind.HRSS),
    ("dpf", "长宁市残疾人联合会", OrgKind.DISABLED_FEDERATION),
    ("youth", "共青团长宁市委", OrgKind.YOUTH_LEAGUE),
    ("women", "长宁市妇女联合会", OrgKind.WOMENS_FEDERATION),
    ("charity", "长宁市慈善总会", OrgKind.CHARITY),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    org_code: str
    name: str


LOGINS = [
    DemoLogin("admin", Role.ADMIN, "demo-acftu", "系统管理员"),
    DemoLogin("caseworker", Role.CASEWORKER, "demo-d1-g01", "王建华"),
    DemoLogin("caseworker2", Role.CASEWORKER, "demo-d2-g01", "李秀英"),
    DemoLogin("reviewer", Role.REVIEWER, "demo-d1", "张伟"),
    DemoLogin("finance", Role.FINANCE, "demo-city", "刘芳"),
    DemoLogin("officer", Role.OFFICER, "demo-d1-civil", "陈静"),
    DemoLogin("leader", Role.LEADER, "demo-city", "赵国强"),
    DemoLogin("auditor", Role.AUDITOR, "demo-city", "孙丽"),
    DemoLogin("worker", Role.WORKER, "demo-d1-g01", "周明"),
]


def is_demo_database() -> bool:
    """True when every organisation and user in the database came from the demo."""
    real_orgs = Organisation.objects.exclude(code__startswith=DEMO_PREFIX).exists()
    real_users = (
        User.objects.exclude(username__in=[login.username for login in LOGINS])
        .exclude(username__startswith=DEMO_PREFIX, org__code__startswith=DEMO_PREFIX)
        .exists()
    )
    return not (real_orgs or real_users)


def _child(admin: User, parent: Organisation, code: str, name: str, kind: str, division: str) -> Organisation:
    # Typed here: django-treebeard ships no type hints.
    existing: Organisation | None = Organisation.objects.filter(code=code).first()
    if existing:
        return existing
    return services.org_create(
        actor=admin, parent=parent, code=code, name=name, kind=kind, division_code=division
    )


def load_orgs() -> None:
    """The tree: national → province → city → 4 districts → 20 grassroots, and departments.

    The root first, then the `admin` login there, who adds the rest through `org_create`.
    """
    root = Organisation.objects.filter(code="demo-acftu").first() or services.org_create_root(
        code="demo-acftu", name="中华全国总工会（演示）", kind=OrgKind.NATIONAL_UNION, division_code="990000"
    )
    admin = _login(LOGINS[0])
    province = _child(admin, root, "demo-prov", "东海省总工会", OrgKind.PROVINCIAL_UNION, "990000")
    city = _child(admin, province, "demo-city", "长宁市总工会", OrgKind.CITY_UNION, "990100")
    for suffix, name, kind in CITY_DEPARTMENTS:
        _child(admin, city, f"demo-city-{suffix}", name, kind, "990100")
    for index, (code, district, division) in enumerate(DISTRICTS):
        union = _child(admin, city, f"demo-{code}", f"长宁市{district}总工会", OrgKind.COUNTY_UNION, division)
        _child(admin, union, f"demo-{code}-civil", f"长宁市{district}民政局", OrgKind.CIVIL_AFFAIRS, division)
        for number, employer in enumerate(EMPLOYERS[index * 5 : index * 5 + 5], start=1):
            name = f"{employer}工会"
            _child(admin, union, f"demo-{code}-g{number:02d}", name, OrgKind.GRASSROOTS_UNION, division)


def load_users() -> None:
    for login in LOGINS:
        _login(login)


def _login(login: DemoLogin) -> User:
    existing = User.objects.filter(username=login.username).first()
    if existing is not None:
        return existing
    return services.user_create(
        actor=None, username=login.username, password=DEMO_PASSWORD, role=login.role,
        org=Organisation.objects.get(code=login.org_code), name=login.name,
        phone=f"1390000{LOGINS.index(login):04d}",
    )  # fmt: skip


def load_agents() -> None:
    """A caseworker for each demo grassroots union and a reviewer for each district without a login."""
    taken = {(login.org_code, login.role) for login in LOGINS}
    wanted = [(org, Role.CASEWORKER, "clerk") for org in _demo_orgs(OrgKind.GRASSROOTS_UNION)]
    wanted += [(org, Role.REVIEWER, "reviewer") for org in _demo_orgs(OrgKind.COUNTY_UNION)]
    for org, role, suffix in wanted:
        username = f"{org.code}-{suffix}"
        if (org.code, role) in taken or User.objects.filter(username=username).exists():
            continue
        services.user_create(
            actor=None, username=username, password=None, role=role, org=org,
            name=cadre_name(random.Random(username)),
        )  # fmt: skip


def _demo_orgs(kind: str) -> list[Organisation]:
    return list(Organisation.objects.filter(kind=kind, code__startswith=DEMO_PREFIX).order_by("code"))


def staff(role: str) -> dict[int, User]:
    """The demo user of `role` in each organisation (a login where there is one, else the agent)."""
    users = User.objects.filter(role=role, is_active=True, org__code__startswith=DEMO_PREFIX)
    by_org: dict[int, User] = {}
    for user in users.select_related("org").order_by("-username"):  # "caseworker" wins over "demo-…"
        by_org.setdefault(user.org_id, user)
    return by_org
