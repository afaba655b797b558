"""Drops the table knox's own first migration creates.

Tokens live in `accounts.ApiToken` (settings.KNOX_TOKEN_MODEL), so knox's `AuthToken` is a
swapped model Django no longer knows; but knox's migrations still create `knox_authtoken`, with a
foreign key to the user table. Django's flush (between transactional tests, and `manage.py
flush`) truncates only the tables of known models, and PostgreSQL refuses to truncate
`accounts_user` while an unknown table references it. The table holds nothing: drop it.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_api_token"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS knox_authtoken", reverse_sql=migrations.RunSQL.noop),
    ]
