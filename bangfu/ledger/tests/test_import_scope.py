"""The ledger import never tells an importer that a person of the file is on another union's file."""

from __future__ import annotations

from bangfu.audit.models import AuditEvent
from bangfu.ledger import format as fmt
from bangfu.ledger.importer import import_households
from bangfu.ledger.tests.import_files import family, person, write_csv
from bangfu.ledger.tests.test_import import msg
from bangfu.registry.models import MembershipConflict


def test_a_person_of_a_household_outside_the_importers_subtree_is_not_revealed(tree, tmp_path):
    # Issue #11, item 9: "Out of scope, the answer must not reveal it (send it to the upper union
    # as a conflict to resolve, audited, and tell the user only that the application needs review)."
    first = family("A1", "t-g11", size=2)
    import_households(write_csv(tmp_path / "a.csv", first), org=tree.d1)
    other = [*family("B1", "t-g21", size=1), person("B1", "配偶", 身份证号=first[1][fmt.ID_NUMBER])]

    result = import_households(write_csv(tmp_path / "b.csv", other), org=tree.d2)

    assert not result.written
    problems = [problem for _row, problem in result.problems]
    assert msg("This person already belongs to another household.") not in problems
    assert (
        msg("This application needs review: it has been sent to the union above for a decision.") in problems
    )
    conflict = MembershipConflict.objects.get()
    assert (conflict.filing_org, conflict.upper_org, conflict.status) == (tree.d2, tree.city, "open")
    assert AuditEvent.objects.filter(action="registry.conflict_open", org=tree.city).count() == 1
