from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Campaigns (送温暖, 金秋助学, 节日慰问): batch aid to a filtered list of households."""

    name = "bangfu.campaigns"
    label = "campaigns"
