"""factory_boy factories shared by the whole suite."""

import factory
from django.utils import timezone

from accounts.models import AccountEditor, Administration, Role, RoleAssignment, SocialAccount, User


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Administration
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    short_name = factory.Sequence(lambda n: f"F{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@helsingborg.se")
    title = "kommunikatör"
    last_login = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "korrekt-häst-batteri")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """roles=[(Role.EDITOR, administration), (Role.AKN, None)]"""
        if create and extracted:
            for role, administration in extracted:
                RoleAssignment.objects.create(user=self, role=role, administration=administration)
        if create:
            self.save()


class SocialAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SocialAccount

    administration = factory.SubFactory(AdministrationFactory)
    name = factory.Sequence(lambda n: f"Konto {n}")
    platform = SocialAccount.Platform.FACEBOOK
    platform_id = factory.Sequence(lambda n: f"10000{n}")


class AccountEditorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountEditor

    account = factory.SubFactory(SocialAccountFactory)
    user = factory.SubFactory(UserFactory)


__all__ = [
    "AccountEditorFactory",
    "AdministrationFactory",
    "Role",
    "SocialAccountFactory",
    "UserFactory",
]
