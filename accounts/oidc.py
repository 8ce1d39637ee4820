"""Single sign-on with the city's OpenID Connect provider (Microsoft Entra ID).

SSO proves who a person is; the portal decides what they may do. Only people AKN has created (and
enabled) can sign in, matched on their e-mail address.
"""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class PortalOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or claims.get("preferred_username") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def verify_claims(self, claims):
        return bool(claims.get("email") or claims.get("preferred_username"))
