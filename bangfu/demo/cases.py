"""Takes each planned demo case through the filing workflow's services, each step on its date.

Every step is `case_create` or `case_transition`, taken on the agenda's clock (`bangfu.demo.clock`)
by the union's caseworker and the district's reviewer (a demo login where there is one, else
the demo's agent for that union, see `bangfu.demo.logins`). So each case has its events,
visits, reviews, notices, objections, approval and audit rows from the one workflow, dated
when the step happened: the application before the visit, the visit before the review, the
notice periods as the service computed them, the approval last.
"""

from __future__ import annotations

import functools
import random
from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.demo import clock, logins
from bangfu.demo.names import BANKS, CATEGORY_LABELS, NOTICE_DAYS, cadre_name
from bangfu.demo.shapes import HouseholdPlan
from bangfu.demo.timelines import Timeline
from bangfu.registry.models import Case
from bangfu.registry.services.attachments import attachment_add
from bangfu.registry.services.cases import case_create, case_transition

CHANNELS = ["union_window", "civil_affairs_window", "hrss_window", "disabled_federation_window"]
# The scanned paper the applicant signed at the window (issue 12 §6): a one-line PDF stands in.
SIGNED_FORM = b"%PDF-1.4\n% demo: signed income commitment and consent\n%%EOF\n"


def _signed_form() -> SimpleUploadedFile:
    return SimpleUploadedFile("承诺书及授权书.pdf", SIGNED_FORM, content_type="application/pdf")


Step = tuple[datetime, str, dict[str, Any]]  # when, action ("apply" or a workflow action), data


class CaseMaker:
    """Puts the steps of each planned case on the agenda, in workflow order and in the past."""

    def __init__(self, agenda: clock.Agenda, rng: random.Random, now: datetime) -> None:
        self.agenda, self.rng, self.now = agenda, rng, now
        self.clerks = logins.staff(Role.CASEWORKER)
        self.reviewers = logins.staff(Role.REVIEWER)

    def clerk(self, hp: HouseholdPlan) -> User:
        return self.clerks[hp.household.org.pk]

    def reviewer(self, hp: HouseholdPlan) -> User:
        district = hp.household.org.get_parent()
        assert district is not None  # a grassroots union sits under its district union
        return self.reviewers[district.pk]

    def plan(self, hp: HouseholdPlan, timeline: Timeline, filed: datetime) -> None:
        """The case's steps after the household's filing at `filed`."""
        steps = self._steps(hp, timeline)
        times = clock.in_order([filed, *(when for when, _action, _data in steps)], before=self.now)
        holder: dict[str, Case] = {}
        for when, (_when, action, data) in zip(times[1:], steps, strict=True):
            self.agenda.add(when, functools.partial(self._take, hp, holder, action, data))

    def _take(self, hp: HouseholdPlan, holder: dict[str, Case], action: str, data: dict[str, Any]) -> None:
        if action == "apply":
            clerk = self.clerk(hp)
            form = attachment_add(actor=clerk, household=hp.household, kind="consent", upload=_signed_form())
            holder["case"] = case_create(actor=clerk, household=hp.household, signed_form=form, **data)
            return
        actor = self.reviewer(hp) if action in {"approve", "reject", "return"} else self.clerk(hp)
        holder["case"] = case_transition(actor=actor, case=holder["case"], action=action, data=data)

    def _steps(self, hp: HouseholdPlan, timeline: Timeline) -> list[Step]:
        steps = [self._apply(hp, timeline.applied)]
        if timeline.visited:
            steps.append(self._visit(hp, timeline.visited))
        if hp.plan == "applied_returned" and timeline.decided:
            opinion = "请补充家庭成员收入证明和医疗费用票据"
            steps.append((self._at(timeline.decided, 16), "return", {"opinion": opinion}))
        if timeline.reviewed:
            steps.append(self._peer_review(timeline.reviewed))
        if timeline.notice_start:
            data: dict[str, Any] = {"working_days": NOTICE_DAYS}
            steps.append((self._at(timeline.notice_start, 9), "start_public_notice", data))
        steps += self._objection(timeline)
        if timeline.finished:
            data = {"opinion": "公示期满，无异议"}
            steps.append((self._at(timeline.finished, 9), "finish_public_notice", data))
        if hp.plan.startswith("open") and timeline.decided:
            steps.append((self._at(timeline.decided, 15), "approve", self._open_data(hp)))
        if hp.plan == "rejected" and timeline.decided:
            opinion = "经入户核实，家庭人均月收入高于当地相对困难标准，不符合建档条件"
            steps.append((self._at(timeline.decided, 15), "reject", {"opinion": opinion}))
        return steps

    def _at(self, day: date, hour: int) -> datetime:
        return clock.moment(day, hour, self.rng.randrange(60))

    def _apply(self, hp: HouseholdPlan, day: date) -> Step:
        has_disability = any(p.disability_type for p in hp.persons())
        channel = self.rng.choices(CHANNELS, [82, 10, 5, 8 if has_disability else 0])[0]
        data = {
            "channel": channel, "income_commitment": True, "income_check_consent": True,
            "reason": f"申请困难职工建档：{hp.household.situation}"[:500],
        }  # fmt: skip
        return self._at(day, 9), "apply", data

    def _visit(self, hp: HouseholdPlan, day: date) -> Step:
        clerk = self.clerk(hp)
        data = {
            "visited_on": day, "visitors": [clerk.name or clerk.username, self._cadre(other_than=clerk.name)],
            "findings": f"入户核实：{hp.household.situation}住房与收入情况与申请一致。",
        }  # fmt: skip
        return self._at(day, 14), "record_home_visit", data

    def _peer_review(self, day: date) -> Step:
        participants = self.rng.randint(7, 25)
        data = {
            "held_on": day, "participants": participants, "agreed": True,
            "notes": f"职工代表{participants}人参加民主评议，一致同意",
        }  # fmt: skip
        return self._at(day, 10), "record_peer_review", data

    def _objection(self, timeline: Timeline) -> list[Step]:
        if timeline.objection is None:
            return []
        content = "有群众反映其家中有经营性收入未申报"
        data = {"content": content, "raised_on": timeline.objection}
        steps: list[Step] = [(self._at(timeline.objection, 11), "record_objection", data)]
        if timeline.finished:  # resolved the day after, before the notice ended
            resolution = "经核实，所反映的经营性收入已于两年前停止，异议不成立"
            resolved = date.fromordinal(timeline.objection.toordinal() + 1)
            steps.append((self._at(resolved, 16), "resolve_objection", {"resolution": resolution}))
        return steps

    def _open_data(self, hp: HouseholdPlan) -> dict[str, Any]:
        rng = self.rng
        persons = hp.persons()
        causes: list[int] = []
        if hp.accident:
            causes.append(hp.accident[0])
        if any(p.health == "serious_illness" for p in persons):
            causes.append(6)
        if any(p.work_status in {"laid_off", "unemployed"} for p in persons):
            causes.append(3)
        if any(p.disability_type or (p.work_status == "idle" and p.health != "healthy") for p in persons):
            causes.append(1)
        if any(p.medical_insurance == "none" for p in persons):
            causes.append(4)
        if any(p.schooling for p in persons):
            causes.append(9)
        causes = list(dict.fromkeys(causes)) or [10]
        tracks = []
        if {2, 3} & set(causes) or any(p.work_status == "flexible" for p in persons):
            tracks.append("employment")
        if 4 in causes:
            tracks.append("social_insurance")
        if 6 in causes or any(p.health == "ill" for p in persons):
            tracks.append("medical_mutual_aid")
        if hp.band == "deep" or 1 in causes:
            tracks.append("safety_net")
        head = hp.head
        key_group = "劳动模范" if head.model_worker else "单亲家庭" if hp.household.single_parent else ""
        if hp.household.zero_employment and not key_group:
            key_group = "零就业家庭"
        category = CATEGORY_LABELS.get(hp.band, "")
        return {
            "level": rng.choices(
                ["grassroots", "county", "city", "provincial", "national"], [40, 30, 24, 5, 1]
            )[0],
            "main_cause": causes[0],
            "secondary_causes": causes[1:4],
            "tracks": tracks or ["employment"],
            "key_group": key_group,
            "contact_name": self._cadre(),
            "contact_phone": f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
            "bank_name": rng.choice(BANKS),
            "bank_account": f"62{rng.randrange(10**15):015d}",
            "accident_loss": str(hp.accident_loss),
            "opinion": f"经审核，符合{category}条件，同意建档",
        }

    def _cadre(self, other_than: str = "") -> str:
        name = cadre_name(self.rng)
        while name == other_than:
            name = cadre_name(self.rng)
        return name
