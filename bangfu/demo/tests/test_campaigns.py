"""The demo campaigns (`bangfu.demo.campaigns.load`): one approved 送温暖 through the services, one draft."""

from __future__ import annotations

from bangfu.campaigns.models import Campaign
from bangfu.demo import campaigns as demo
from bangfu.demo import logins as accounts_demo
from bangfu.demo import money as assistance_demo
from bangfu.demo import registry as registry_demo
from bangfu.grants.models import Grant


def test_the_demo_has_an_approved_warmth_campaign_and_a_draft(db) -> None:
    accounts_demo.load_orgs()
    accounts_demo.load_users()
    registry_demo.load(households=30)
    assistance_demo.load()
    demo.load()
    demo.load()  # a second run adds nothing
    approved = Campaign.objects.get(status="approved")
    assert approved.kind == "warmth" and approved.approved_by.username == "reviewer"
    assert Grant.objects.filter(campaign_link__campaign=approved).count() == approved.recipients > 0
    assert Campaign.objects.filter(status="draft", kind="autumn_education").count() == 1
    assert "帮扶活动" in demo.summary()
