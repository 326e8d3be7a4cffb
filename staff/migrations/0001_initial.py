"""The audit log moves here from the `balkan` app; its table stays where it is.

The content type moves with it, so permissions given on the audit log are kept.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, old="balkan", new="staff"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="auditentry").exists():
        ContentType.objects.filter(app_label=old, model="auditentry").update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="staff", new="balkan")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("balkan", "0006_oldslug_moves_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='time')),
                        ('username', models.CharField(blank=True, help_text='As typed, also for failed logins.', max_length=150, verbose_name='user name')),
                        ('action', models.CharField(choices=[('login', 'Logged in'), ('logout', 'Logged out'), ('login-failed', 'Failed login'), ('locked-out', 'Locked out'), ('2fa-enabled', 'Two-factor authentication turned on'), ('2fa-disabled', 'Two-factor authentication turned off'), ('added', 'Added'), ('changed', 'Changed'), ('deleted', 'Deleted'), ('submitted', 'Submitted for review'), ('published', 'Published'), ('unpublished', 'Unpublished')], db_index=True, max_length=20, verbose_name='action')),
                        ('object_id', models.CharField(blank=True, max_length=64, verbose_name='object id')),
                        ('object_repr', models.CharField(blank=True, max_length=200, verbose_name='object')),
                        ('message', models.CharField(blank=True, max_length=500, verbose_name='details')),
                        ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                        ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='contenttypes.contenttype', verbose_name='type')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='audit_entries', to=settings.AUTH_USER_MODEL, verbose_name='user')),
                    ],
                    options={
                        'verbose_name': 'audit log entry',
                        'verbose_name_plural': 'audit log',
                        'ordering': ['-at', '-pk'],
                        'db_table': 'balkan_auditentry',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
