"""Issue 12 item 11, "One name per thing": a grant, a workflow step, the worker's application, a
campaign's festival date and its preview lines each have one clear name."""

from __future__ import annotations

from django.test import Client
from django.utils import translation

from bangfu.accounts.roles import Role
from bangfu.campaigns.forms import CampaignForm
from bangfu.campaigns.models import Campaign
from bangfu.conftest import Tree
from bangfu.grants.tests import factories as aid
from bangfu.registry.labels import ACTION_DONE
from bangfu.registry.rules.workflow import TRANSITIONS
from bangfu.treasury.payables import grant_reference


def test_a_grant_is_named_as_payments_and_the_bank_file_name_it() -> None:
    """Issue 12 item 11: "a grant is '救助 38' in the queue and 'BF-G38' in payments"."""
    from bangfu.grants.models import Grant

    assert str(Grant(pk=38)) == grant_reference(38) == "BF-G38"


def test_every_workflow_step_says_what_was_done() -> None:
    """Issue 12 item 11: "workflow steps all say a generic 已完成"."""
    steps = set(TRANSITIONS) - {"apply"}
    assert steps <= set(ACTION_DONE)
    with translation.override("zh-hans"):
        messages = [str(ACTION_DONE[step]) for step in steps]
    assert len(set(messages)) == len(messages) and "已完成。" not in messages


def test_the_festival_date_is_not_called_a_visit_date() -> None:
    """Issue 12 item 11: "a campaign's festival date is labelled 调查日期"."""
    with translation.override("zh-hans"):
        labels = {str(CampaignForm().fields["holiday_date"].label)}
        labels.add(str(Campaign._meta.get_field("holiday_date").verbose_name))
    assert labels == {"节日日期"}


def test_the_worker_page_says_applied_once(tree: Tree, make_user) -> None:
    """Issue 12 item 11: "the worker page shows '已申请 已申请 2026-12-03'"."""
    case = aid.open_case(tree.g11, status="applied")
    worker = make_user(Role.WORKER, tree.g11, id_number=aid.head(case).id_number)
    client = Client()
    client.force_login(worker)
    page = client.get("/me/").content.decode()
    assert "已申请" in page and "已申请 已申请" not in page and "申请日期" in page
