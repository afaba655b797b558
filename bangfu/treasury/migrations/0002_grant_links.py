"""Treasury's links to grants: `FundEntry.grant` and `PaymentBatchItem.grant` (a migration
dependency on grants, not a Python import; treasury reads them only as ids).

State only (docs/decisions/0008-grants-treasury-split.md): the columns and constraints exist
since `assistance` 0001–0002.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("treasury", "0001_initial"),
        ("grants", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="fundentry",
                    name="grant",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="fund_entries",
                        to="grants.grant",
                    ),
                ),
                migrations.AddField(
                    model_name="paymentbatchitem",
                    name="grant",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="batch_items",
                        to="grants.grant",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="paymentbatchitem",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("live", True)),
                        fields=("grant",),
                        name="assistance_batch_item_one_live_batch",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="paymentbatchitem",
                    constraint=models.UniqueConstraint(
                        fields=("batch", "grant"), name="assistance_batch_item_once_per_batch"
                    ),
                ),
            ]
        )
    ]
