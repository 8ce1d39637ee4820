import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing cost is not under test in accounts/; every factory person and failed login would pay it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
