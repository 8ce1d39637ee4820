"""A fake OAuth 2.0 authorization server: the authorize page (which grants at once) and the token endpoint.

It checks what a real one checks: the client id, the redirect URI and, for PKCE, that
SHA-256(code_verifier) is the code_challenge it was shown; a code works once.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import urlencode

from werkzeug import Request, Response

from .base import FakePlatform, json_response


class FakeAuthServer(FakePlatform):
    def __init__(
        self, *, client_id: str = "app-id", client_secret: str = "app-secret", expires_in: int = 5184000
    ):
        super().__init__()
        self.client_id = client_id
        self.client_secret = client_secret
        self.expires_in = expires_in
        self.codes: dict[str, dict] = {}
        self.issued: list[str] = []
        self.deny = False
        self.refresh_tokens = {"r-1"}
        self.on_issue = lambda token: None  # e.g. a fake platform's tokens.add

    def handle(self, request: Request) -> Response:
        if request.path == "/authorize":
            args = request.args
            if args.get("client_id") != self.client_id or args.get("response_type") != "code":
                return Response("bad client", status=400)
            if self.deny:
                query = urlencode({"error": "access_denied", "state": args["state"]})
                return Response(status=302, headers={"Location": f"{args['redirect_uri']}?{query}"})
            code = secrets.token_urlsafe(16)
            self.codes[code] = {
                "redirect_uri": args["redirect_uri"],
                "challenge": args.get("code_challenge"),
                "scope": args.get("scope"),
            }
            query = urlencode({"code": code, "state": args["state"]})
            return Response(status=302, headers={"Location": f"{args['redirect_uri']}?{query}"})
        if (
            request.path == "/token"
            and request.method == "POST"
            and request.form.get("grant_type") == "refresh_token"
        ):
            form = request.form
            if (
                form.get("refresh_token") not in self.refresh_tokens
                or form.get("client_id") != self.client_id
            ):
                return json_response(
                    {"error": "invalid_grant", "error_description": "refresh token revoked"}, 400
                )
            token = f"token-{secrets.token_urlsafe(24)}"
            self.issued.append(token)
            return json_response(
                {"access_token": token, "token_type": "bearer", "expires_in": self.expires_in}
            )
        if (
            request.path == "/token"
            and request.method == "POST"
            and request.form.get("grant_type") == "fb_exchange_token"
        ):
            # Meta: a short-lived user token for a long-lived one (about 60 days).
            form = request.form
            if (
                form.get("fb_exchange_token") not in self.issued
                or form.get("client_secret") != self.client_secret
            ):
                return json_response({"error": {"message": "Invalid OAuth access token", "code": 190}}, 400)
            token = f"long-{secrets.token_urlsafe(24)}"
            self.issued.append(token)
            self.on_issue(token)
            return json_response({"access_token": token, "token_type": "bearer", "expires_in": 5183944})
        if request.path == "/token" and request.method == "POST":
            form = request.form
            grant = self.codes.pop(form.get("code", ""), None)
            if grant is None or form.get("redirect_uri") != grant["redirect_uri"]:
                return json_response({"error": "invalid_grant"}, 400)
            if grant["challenge"]:
                digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["challenge"]:
                    return json_response({"error": "invalid_grant", "error_description": "PKCE"}, 400)
            secret = form.get("client_secret") or (
                request.authorization.password if request.authorization else None
            )
            client = form.get("client_id") or (
                request.authorization.username if request.authorization else None
            )
            if client != self.client_id or (secret is not None and secret != self.client_secret):
                return json_response({"error": "invalid_client"}, 401)
            token = f"token-{secrets.token_urlsafe(24)}"
            self.issued.append(token)
            return json_response(
                {
                    "access_token": token,
                    "token_type": "bearer",
                    "expires_in": self.expires_in,
                    "refresh_token": "r-1",
                }
            )
        return Response("not found", status=404)
