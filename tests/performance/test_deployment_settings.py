"""Settings for many servers: shared database, Redis and object storage, nothing on an app server's disk."""

import json

from tests.helpers.processes import run_manage

SHOW = """
import json
from django.conf import settings
from django.core.files.storage import storages
from django.urls import NoReverseMatch, reverse
try:
    media_url = reverse("media", kwargs={"path": "x.jpg"})
except NoReverseMatch:
    media_url = None
print(json.dumps({
    "storage": type(storages["default"]).__module__ + "." + type(storages["default"]).__name__,
    "bucket": getattr(storages["default"], "bucket_name", None),
    "media_served_by_django": media_url,
    "caches": {alias: config["BACKEND"] for alias, config in settings.CACHES.items()},
    "sessions": [settings.SESSION_ENGINE, settings.SESSION_CACHE_ALIAS],
    "database": settings.DATABASES["default"]["ENGINE"],
}))
"""

CLUSTER = {
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghij",
    "DATABASE_URL": "postgres://balkan:secret@db.internal:5432/balkan",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "balkan-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
    "AWS_ACCESS_KEY_ID": "key",
    "AWS_SECRET_ACCESS_KEY": "secret",
}


def show(**env):
    result = run_manage("shell", "--no-imports", "-c", SHOW, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_cluster_settings_share_everything_and_keep_nothing_on_the_servers_disk(tmp_path):
    var = tmp_path / "var"
    found = show(VAR_DIR=str(var), **CLUSTER)
    assert found["storage"] == "storages.backends.s3.S3Storage" and found["bucket"] == "balkan-media"
    assert found["media_served_by_django"] is None
    assert found["caches"] == {
        "default": "django_redis.cache.RedisCache",
        "shared": "django_redis.cache.RedisCache",
    }
    assert found["sessions"] == ["django.contrib.sessions.backends.cached_db", "shared"]
    assert found["database"] == "core.postgresql"  # Django's, with deadlines and a breaker
    # No secret key file, no SQLite file, no cache files, no uploads.
    assert list(var.iterdir()) == []


def test_one_machine_keeps_media_on_disk_served_by_django(tmp_path):
    found = show(VAR_DIR=str(tmp_path), SECRET_KEY="x" * 50, AWS_STORAGE_BUCKET_NAME="", REDIS_URL="")
    assert found["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert found["media_served_by_django"] == "/media/x.jpg"
    assert found["caches"]["default"].endswith("LocMemCache")
    assert found["caches"]["shared"].endswith("FileBasedCache")


BUMP = """
from pagecache.store import bump, tokens
bump("news")
print(tokens(["news"])["news"])
"""
READ = """
from pagecache.store import tokens
print(tokens(["news"])["news"])
"""


def test_without_redis_the_workers_of_one_machine_see_each_others_changes(tmp_path):
    env = {"VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 50, "REDIS_URL": "", "DATABASE_URL": ""}
    assert run_manage("migrate", "-v0", **env).returncode == 0
    bumped = run_manage("shell", "--no-imports", "-c", BUMP, **env)
    assert bumped.returncode == 0, bumped.stderr
    seen = run_manage("shell", "--no-imports", "-c", READ, **env)
    assert seen.stdout.strip() == bumped.stdout.strip() != ""
    assert (tmp_path / "cache").is_dir()
