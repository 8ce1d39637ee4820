"""Single sign-on against a local OpenID Connect provider that signs its ID tokens with RS256.

The fake provider (pytest-httpserver) plays Microsoft Entra ID's part of the authorization-code
flow: the token endpoint, the JWKS and the user-info endpoint.
"""

import json
import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse
from jwt.algorithms import RSAAlgorithm

from tests.factories import UserFactory

CLIENT_ID = "helsocial-portal"


@pytest.fixture
def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def oidc(settings, httpserver, signing_key):
    settings.ROOT_URLCONF = "tests.accounts.oidc_urls"
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "client-secret"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = httpserver.url_for("/authorize")
    settings.OIDC_OP_TOKEN_ENDPOINT = httpserver.url_for("/token")
    settings.OIDC_OP_USER_ENDPOINT = httpserver.url_for("/userinfo")
    settings.OIDC_OP_JWKS_ENDPOINT = httpserver.url_for("/keys")
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "accounts.oidc.PortalOIDCBackend"]
    jwk = json.loads(RSAAlgorithm.to_jwk(signing_key.public_key()))
    httpserver.expect_request("/keys").respond_with_json({"keys": [{**jwk, "kid": "k1", "alg": "RS256"}]})
    return httpserver


def _sign_in(client, oidc, signing_key, email):
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    query = parse_qs(urlparse(start["Location"]).query)
    assert start["Location"].startswith(oidc.url_for("/authorize"))
    id_token = jwt.encode(
        {
            "iss": oidc.url_for("/"),
            "sub": "entra-123",
            "aud": CLIENT_ID,
            "iat": int(time.time()),
            "exp": int(time.time()) + 300,
            "nonce": query["nonce"][0],
            "email": email,
        },
        signing_key,
        algorithm="RS256",
        headers={"kid": "k1"},
    )
    oidc.expect_request("/token", method="POST").respond_with_json(
        {"access_token": "at-1", "id_token": id_token, "token_type": "Bearer"}
    )
    oidc.expect_request("/userinfo", headers={"Authorization": "Bearer at-1"}).respond_with_json(
        {"email": email, "sub": "entra-123"}
    )
    return client.get(reverse("oidc_authentication_callback"), {"code": "abc", "state": query["state"][0]})


def test_a_person_akn_created_signs_in_with_the_citys_single_sign_on(client, db, oidc, signing_key):
    person = UserFactory(username="louise", email="Louise.Nilsson@helsingborg.se")
    response = _sign_in(client, oidc, signing_key, "louise.nilsson@helsingborg.se")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == person


def test_single_sign_on_refuses_a_person_the_portal_does_not_know(client, db, oidc, signing_key):
    response = _sign_in(client, oidc, signing_key, "okand@example.com")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_single_sign_on_refuses_a_disabled_person(client, db, oidc, signing_key):
    UserFactory(username="gone", email="gone@helsingborg.se", is_active=False)
    _sign_in(client, oidc, signing_key, "gone@helsingborg.se")
    assert "_auth_user_id" not in client.session


def test_the_login_page_offers_single_sign_on_when_it_is_configured(client, db, oidc):
    body = client.get(reverse("login")).content.decode()
    assert reverse("oidc_authentication_init") in body
