"""The annual review (年度复核, domain.md §6): a seeded spot-check sample of at least 30% of the open files.

The population is the organisation subtree's cases under management (open or exit
proposed) at the draw, recorded with the seed, so that anyone can re-draw the same sample
with `rules.spot_check_sample(population, seed, rate)`. One review per organisation a year.
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts import selectors as accounts_selectors
from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.core.errors import Conflict
from bangfu.dynamics import rules
from bangfu.dynamics.models import AnnualReview, CheckResult, SpotCheck
from bangfu.registry import selectors as registry_selectors

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation, User

REVIEWED_STATUSES = ("open", "exit_proposed")


def review_population(org: Organisation) -> list[int]:
    """The case numbers under management in the organisation's subtree, ascending."""
    cases = registry_selectors.cases_for_system().filter(
        status__in=REVIEWED_STATUSES, household__org__path__startswith=org.path
    )
    return sorted(cases.values_list("pk", flat=True))


@transaction.atomic
def annual_review_draw(
    *, actor: User, org: Organisation, year: int, seed: int | None = None, rate: Decimal | None = None
) -> AnnualReview:
    """Draws and records the year's sample; raises Conflict (already drawn), DomainError or ValidationError."""
    access.require(actor, Perm.REVIEW_MANAGE)
    org = accounts_selectors.org_by_code(actor=actor, code=org.code)  # again, in scope (Http404)
    if year > timezone.localdate().year:
        raise ValidationError({"year": _("The year cannot be in the future.")})
    if AnnualReview.objects.filter(org=org, year=year).exists():
        raise Conflict(
            _("This organisation already has a review for %(year)s.") % {"year": year},
            code="review_exists",
            field="year",
        )
    seed = secrets.randbits(48) if seed is None else seed
    rate = rules.SPOT_CHECK_RATE if rate is None else rate
    population = review_population(org)
    sample = rules.spot_check_sample(population, seed, rate)
    try:
        with transaction.atomic():
            review = AnnualReview.objects.create(
                org=org, year=year, seed=seed, rate=rate, population=population, sample=sample, drawn_by=actor
            )
    except IntegrityError:  # a concurrent draw won
        raise Conflict(
            _("This organisation already has a review for %(year)s.") % {"year": year},
            code="review_exists",
            field="year",
        ) from None
    detail = {"year": year, "seed": seed, "rate": str(rate), "population": len(population), "sample": sample}
    audit_record(action="review.draw", actor=actor, target=review, org=org, detail=detail)
    return review


@transaction.atomic
def spot_check_record(
    *, actor: User, review: AnnualReview, case_id: int, result: str, notes: str = ""
) -> SpotCheck:
    """Records (or corrects) the result for one sampled case; raises ValidationError."""
    access.require(actor, Perm.REVIEW_MANAGE)
    review = access.get_in_scope(actor, AnnualReview.objects.select_for_update(), pk=review.pk)
    if case_id not in review.sample:
        raise ValidationError({"case": _("This case is not in the review's sample.")})
    if result not in CheckResult.values:
        raise ValidationError({"result": _("Choose a result.")})
    check, _created = SpotCheck.objects.update_or_create(
        review=review,
        case_id=case_id,
        defaults={
            "result": result,
            "notes": notes.strip(),
            "checked_on": timezone.localdate(),
            "checked_by": actor,
        },
    )
    audit_record(
        action="review.check",
        actor=actor,
        target=review,
        org=review.org,
        detail={"case": case_id, "result": result, "notes": check.notes},
    )
    return check
