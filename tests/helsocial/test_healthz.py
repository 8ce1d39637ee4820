"""GET /healthz: the database and the broker; only a database that is down gives 503."""

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.urls import reverse


def test_healthz_says_the_database_is_ok_and_the_broker_not_configured(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "not configured"}
    assert "no-cache" in response["Cache-Control"]


def test_a_broker_that_is_down_is_reported_but_the_portal_answers_200(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "down"}


@pytest.mark.redis
def test_a_running_broker_is_ok(client, db, settings):
    import os

    settings.REDIS_URL = os.environ["REDIS_URL"]
    assert client.get(reverse("healthz")).json()["broker"] == "ok"


@pytest.fixture
def unreachable_database(monkeypatch, tmp_path):
    """A real connection to a database that is not there (a dead port, or a file in no directory)."""
    settings_dict = dict(connections["default"].settings_dict)
    if connections["default"].vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "missing-directory" / "db.sqlite3")
    else:
        settings_dict.update(
            HOST="127.0.0.1", PORT="1", OPTIONS={**settings_dict.get("OPTIONS", {}), "connect_timeout": 2}
        )
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="unreachable")
    monkeypatch.setattr("helsocial.views.connection", wrapper)
    yield wrapper
    wrapper.close()


def test_a_database_that_is_down_gives_503(client, db, settings, unreachable_database):
    settings.REDIS_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"database": "down", "broker": "not configured"}
