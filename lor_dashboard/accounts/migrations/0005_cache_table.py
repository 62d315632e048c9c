"""The database cache's table (settings: CACHES without Redis), made by `migrate` so no deployer
has to remember `createcachetable`. Idempotent: a table that exists is left alone."""
from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_canvas_user_of_grant")]
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
