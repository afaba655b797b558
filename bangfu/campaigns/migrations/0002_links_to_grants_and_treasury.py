"""A campaign's fund, fund entry and grant links now name the models in treasury and grants.

State only (docs/decisions/0008-grants-treasury-split.md): the tables and constraints do not change.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("grants", "0001_initial"),
        ("treasury", "0002_grant_links"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="campaign",
                    name="fund",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="treasury.fund",
                        verbose_name="fund",
                    ),
                ),
                migrations.AlterField(
                    model_name="campaign",
                    name="fund_entry",
                    field=models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="campaign",
                        to="treasury.fundentry",
                    ),
                ),
                migrations.AlterField(
                    model_name="campaigngrant",
                    name="grant",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="campaign_link",
                        to="grants.grant",
                    ),
                ),
            ]
        )
    ]
