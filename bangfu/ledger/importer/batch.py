"""One batch of households: parse, check against the database, then write what is valid.

Messages (English msgids; the Chinese they carry in the .po file):

- "Union code %(code)s is unknown or outside your scope." → 工会代码%(code)s不存在或不在您的管辖范围内
- "Union %(code)s is not under %(org)s." → 工会%(code)s不在%(org)s之下
- "This person already belongs to another household." → 此人已属于其他家庭
- "Another row of this household has a problem; the household was not imported." →
  同户其他行有错误，整户未导入
- "Household of %(name)s" → %(name)s户  (as in the registry)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from bangfu.accounts.models import Organisation
from bangfu.audit.services import AuditEntry, AuditTarget, audit_record_many
from bangfu.ledger.importer import update
from bangfu.ledger.importer.db import (
    PERSON_COLUMNS,
    BulkWriter,
    Known,
    db_datetime,
    known_people,
    members_of,
    memberships_outside,
)
from bangfu.ledger.importer.households import Household
from bangfu.ledger.importer.rows import PERSON_INSERT, Inserts
from bangfu.ledger.validate import HouseholdRows, RowParser, check_household
from bangfu.registry import events
from bangfu.registry.choices import Health
from bangfu.registry.services.conflicts import conflict_open

PERSON_HEALTH = PERSON_INSERT.index("health")  # in the rows of new persons
UPDATE_HEALTH = PERSON_COLUMNS.index("health")  # in the updates of persons on file (id last)


class Orgs:
    """Resolves 所属工会代码 to organisations inside the import's root (and the importer's scope)."""

    def __init__(self, root: Organisation, actor: Any) -> None:
        self.root = root
        self.actor = actor
        rows = Organisation.objects.filter(path__startswith=root.path).values_list("code", "id")
        self.ids: dict[str, int] = dict(rows)
        self.codes: dict[int, str] = {pk: code for code, pk in self.ids.items()}
        self._outside: dict[str, str] = {}

    def problem(self, code: str) -> str:
        """Why `code` cannot be used ("" when it can)."""
        if not code or code in self.ids:
            return ""
        if code not in self._outside:
            path = Organisation.objects.filter(code=code).values_list("path", flat=True).first()
            visible = path is not None and (self.actor is None or path.startswith(self.actor.org.path))
            self._outside[code] = (
                _("Union %(code)s is not under %(org)s.") % {"code": code, "org": self.root.code}
                if visible
                else _("Union code %(code)s is unknown or outside your scope.") % {"code": code}
            )
        return self._outside[code]


@dataclass
class Outcome:
    """What a batch did."""

    rows: int = 0
    failed: list[HouseholdRows] = field(default_factory=list)
    created: list[int] = field(default_factory=list)
    updated: int = 0
    unchanged: int = 0
    written: bool = False


@dataclass
class Context:
    """What every batch of one import shares."""

    parser: RowParser
    orgs: Orgs
    writer: BulkWriter
    actor: Any
    job_id: int | None
    now: datetime
    month: date
    # Memberships outside the import's subtree met in the file: sent up as conflicts once the
    # import's own transaction is over (an all-or-nothing import that fails rolls back).
    outside: list[Any] = field(default_factory=list)

    @property
    def db_now(self) -> Any:
        return db_datetime(self.now)


NEEDS_REVIEW = "This application needs review: it has been sent to the union above for a decision."


def _member_problems(
    household: HouseholdRows, known: dict[str, Known], match: int | None, hidden: set[int]
) -> None:
    """A person of another household is refused; if that household lies outside the importer's
    subtree the row says only that it needs review (issue #11, item 9: the answer must not tell
    that the person is in the hardship registry)."""
    for row in household.rows:
        person = known.get(row.id_number)
        if person is not None and person.household_id is not None and person.household_id != match:
            hidden_household = person.household_id in hidden
            row.problems.append(
                _(NEEDS_REVIEW)
                if hidden_household
                else _("This person already belongs to another household.")
            )


def _match(household: HouseholdRows, known: dict[str, Known]) -> int | None:
    """The household on file whose head has the head's resident ID."""
    head = known.get(household.head.id_number) if household.head else None
    return head.household_id if head is not None and head.relationship == "head" else None


def _check(
    context: Context, households: list[HouseholdRows]
) -> tuple[dict[str, Known], dict[int, update.Existing]]:
    """Adds the problems that need the database; returns who and what is already on file."""
    for household in households:
        if household.head is not None:
            problem = context.orgs.problem(household.facts.org_code)
            if problem:
                household.head.problems.append(problem)
    candidates = [h for h in households if h.ok]
    known = known_people(row.id_number for h in candidates for row in h.rows)
    matches = {id(h): _match(h, known) for h in candidates}
    existing = update.load(
        [m for m in matches.values() if m is not None], members_of(m for m in matches.values() if m)
    )
    root = context.orgs.root.path
    outside = _send_up(context, known)
    hidden = {member.household_id for member in outside}
    for household in candidates:
        match = matches[id(household)]
        _member_problems(household, known, match, hidden)
        if match is not None and household.head and not existing[match].org_path.startswith(root):
            household.head.problems.append(_(NEEDS_REVIEW))
    return known, existing


def _send_up(context: Context, known: dict[str, Known]) -> list[Any]:
    """The memberships of the file's persons in households outside the import's subtree, noted
    on the context for `send_up()`."""
    on_file = [person.id for person in known.values() if person.household_id is not None]
    outside = memberships_outside(on_file, context.orgs.root.path)
    context.outside.extend(outside)
    return outside


def send_up(context: Context) -> None:
    """Opens a membership conflict at the union above both for each membership noted (audited
    there); called after the import's transaction, so a failed import still sends them up."""
    if context.outside:
        conflict_open(actor=context.actor, filing_org=context.orgs.root, members=context.outside)


def parse(parser: RowParser, households: list[Household]) -> list[HouseholdRows]:
    """The pure checks of a batch (no database: it may run in another thread)."""
    return [check_household(parser, key, [parser.person(n, c) for n, c in rows]) for key, rows in households]


def run(context: Context, parsed: list[HouseholdRows], write: bool) -> Outcome:
    """Checks a parsed batch against the database and, if `write`, writes its valid households
    (inside the caller's transaction)."""
    outcome = Outcome(rows=sum(len(h.rows) for h in parsed))
    known, existing = _check(context, parsed)
    outcome.failed = [h for h in parsed if not h.ok]
    for household in outcome.failed:
        _explain(household)
    if write:
        _write(context, [h for h in parsed if h.ok], known, existing, outcome)
        outcome.written = True
    return outcome


def _explain(household: HouseholdRows) -> None:
    """Every row of a failed household says why it was not imported."""
    for row in household.rows:
        row.problems[:0] = household.problems
        if not row.problems:
            row.problems.append(
                _("Another row of this household has a problem; the household was not imported.")
            )


def _write(
    context: Context,
    good: list[HouseholdRows],
    known: dict[str, Known],
    existing: dict[int, update.Existing],
    outcome: Outcome,
) -> None:
    matches = {id(h): _match(h, known) for h in good}
    new = [h for h in good if matches[id(h)] is None]
    matched = [h for h in good if matches[id(h)] is not None]
    inserts = Inserts(now=context.db_now, month=context.month, actor_id=getattr(context.actor, "pk", None))
    people = sum(1 for h in good for row in h.rows if row.id_number not in known)
    cases = sum(1 for h in new if h.facts.category) + sum(
        1 for h in matched if h.facts.category and existing[matches[id(h)] or 0].case is None
    )
    inserts.reserve(context.writer, people, len(new), cases)
    comparer = update.Comparer(inserts, known, _incomes(matched, known, context.month))
    changed: list[tuple[HouseholdRows, int, int]] = []
    for household in matched:
        pk = matches[id(household)] or 0
        org_id = context.orgs.ids[household.facts.org_code]
        if comparer.household(household, existing[pk], org_id, household.facts.org_code):
            changed.append((household, pk, org_id))
    outcome.updated, outcome.unchanged = len(changed), len(matched) - len(changed)
    outcome.created = [_create(inserts, context, household, known) for household in new]
    update.free_person_updates(new, known, comparer.changes, inserts.now)
    skipped = context.writer.skip_triggers()
    update.apply(comparer.changes, context.month)
    inserts.write(context.writer)
    if skipped:
        context.writer.restore_triggers()
    _publish(context, inserts, comparer.changes, {pk for _household, pk, _org in changed})
    _audit(context, outcome, changed, comparer.changes.diffs)


def _publish(context: Context, inserts: Inserts, changes: update.Changes, changed: set[int]) -> None:
    """Tells the registry's followers what the batch wrote (registry/events.py), in its transaction.

    New households bring their open cases (cases_imported); households already on file that
    differ are changes on their files (households_changed, incomes_recorded). Persons written
    as seriously ill, new or updated, may trigger a relapse watch.
    """
    if inserts.cases:
        events.cases_imported.publish(events.CasesImported(tuple(row[0] for row in inserts.cases)))
    if changed:
        events.households_changed.publish(events.HouseholdsChanged(tuple(sorted(changed))))
    months = frozenset((row[0], context.month) for row in inserts.incomes if row[0] in changed)
    if months:
        events.incomes_recorded.publish(events.IncomesRecorded(months))
    ill = [row[0] for row in inserts.persons if row[PERSON_HEALTH] == Health.SERIOUS_ILLNESS]
    ill += [row[-1] for row in changes.person_updates if row[UPDATE_HEALTH] == Health.SERIOUS_ILLNESS]
    if ill:
        events.member_illness_recorded.publish(events.MemberIllnessRecorded(tuple(ill)))


def _incomes(matched: list[HouseholdRows], known: dict[str, Known], month: date) -> dict[int, Any]:
    ids = [known[row.id_number].id for h in matched for row in h.rows if row.id_number in known]
    since = date(month.year - 1, month.month, 1)
    return update.latest_incomes(ids, since) if ids else {}


def _create(inserts: Inserts, context: Context, household: HouseholdRows, known: dict[str, Known]) -> int:
    facts = household.facts
    org_id = context.orgs.ids[facts.org_code]
    pk = inserts.household(org_id, facts)
    for row in household.rows:
        person = known.get(row.id_number)
        inserts.member(pk, person.id if person else inserts.person(row), row)
    inserts.expense(pk, facts)
    if facts.category:
        inserts.case(pk, org_id, facts, len(household.rows))
    return pk


@dataclass(frozen=True)
class _Org:
    """An organisation known by id and code (all the audit trail needs of it)."""

    pk: int
    code: str


def _audit(
    context: Context,
    outcome: Outcome,
    changed: list[tuple[HouseholdRows, int, int]],
    diffs: dict[int, dict[str, Any]],
) -> None:
    """One event for the batch (listing the households it created) and one per changed household."""
    root, job = context.orgs.root, str(context.job_id or "")
    entries = [
        AuditEntry(
            action="ledger.import.batch",
            target=AuditTarget(type="ledger.importjob", id=job, repr=job),
            org=root,
            detail={
                "job": context.job_id,
                "rows": outcome.rows,
                "created": outcome.created,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
                "skipped": len(outcome.failed),
            },
        )
    ]
    for household, pk, org_id in changed:
        name = household.head.name if household.head else ""
        entries.append(
            AuditEntry(
                action="household.update",
                target=AuditTarget(
                    type="registry.household",
                    id=str(pk),
                    repr=str(_("Household of %(name)s") % {"name": name}),
                ),
                org=_Org(org_id, context.orgs.codes.get(org_id, "")),
                changes=diffs.get(pk, {}),
                detail={"import_job": context.job_id},
            )
        )
    audit_record_many(entries, actor=context.actor, username="system", at=context.now)


__all__ = ["Context", "Orgs", "Outcome", "run"]
