"""Gathers a household's facts from the file and runs the identification rules on them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from bangfu.core.errors import DomainError
from bangfu.registry.models import Household, Person, Policy
from bangfu.registry.rules.eligibility import Assessment, HouseholdFacts, MemberFacts, assess
from bangfu.registry.selectors.policies import policy_for, to_rule_policy

WORKING = {"employed", "flexible", "migrant"}
STUDYING = {"student", "preschool"}


def _months_back(on: date, months: int) -> date:
    index = on.year * 12 + on.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def able_bodied_adult(person: Person, on: date) -> bool:
    """Of working age (16 to 60 for men, 55 for women), not seriously ill, not disabled."""
    age = (
        on.year
        - person.birth_date.year
        - ((on.month, on.day) < (person.birth_date.month, person.birth_date.day))
    )
    retirement = 60 if person.sex == "male" else 55
    return 16 <= age < retirement and person.health != "serious_illness" and not person.disability_type


def household_facts(household: Household, on: date, accident_loss: Decimal = Decimal("0")) -> HouseholdFacts:
    """Incomes and rigid expenditure of the 12 full months before the month of `on`, member by member.

    The month of `on` itself is left out: it is not over, and counting it as well would make
    the window 13 months long while the rule divides by 12 (domain.md §3).
    """
    since, until = _months_back(on, 12), on.replace(day=1)
    incomes: dict[int, dict[str, Decimal]] = defaultdict(dict)
    rows = (
        household.incomes.filter(month__gte=since, month__lt=until)
        .values("person_id", "source")
        .annotate(total=Sum("amount"))
    )
    for row in rows:
        incomes[row["person_id"]][row["source"]] = row["total"]
    members = [
        MemberFacts(
            annual_income=incomes.get(m.person_id, {}),
            able_bodied_adult=able_bodied_adult(m.person, on),
            working=m.person.work_status in WORKING,
            studying=m.person.work_status in STUDYING,
        )
        for m in household.members.select_related("person")
    ]
    expenses = household.expenses.filter(incurred_on__gte=since, incurred_on__lt=until).aggregate(
        total=Sum("amount")
    )
    total_income = sum((sum(i.values(), Decimal("0")) for i in incomes.values()), Decimal("0"))
    return HouseholdFacts(
        household_size=len(members),
        annual_income=total_income,
        rigid_expenditure=expenses["total"] or Decimal("0"),
        accident_loss=accident_loss,
        members=members,
    )


def assess_household(
    household: Household, on: date, accident_loss: Decimal = Decimal("0")
) -> tuple[Assessment, Policy]:
    """The assessment of the household on `on` with the policy in force there; DomainError if none is."""
    policy = policy_for(household.region_code, on)
    if policy is None:
        raise DomainError(
            _("No policy is in force for this region on this date."), code="no_policy", field="region_code"
        )
    return assess(household_facts(household, on, accident_loss), to_rule_policy(policy), on=on), policy


def assessment_record(assessment: Assessment) -> dict[str, object]:
    """The assessment as stored on the case, enough to explain the decision later."""
    return {
        "per_capita_monthly_income": str(assessment.per_capita_monthly_income),
        "category": str(assessment.category),
        "reasons": [str(reason) for reason in assessment.reasons],
        "edge": assessment.edge,
        "counted_annual_income": str(assessment.counted_annual_income),
    }
