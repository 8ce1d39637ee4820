"""Give a person a role from the command line: how the first AKN person is made in production."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import CITYWIDE_ROLES, Administration, Role, RoleAssignment, User


class Command(BaseCommand):
    help = "Grant a role: grant_role USERNAME ROLE [--administration NAME]"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=[r.value for r in Role])
        parser.add_argument("--administration", help="the förvaltning's name, for every role but akn and kc")

    def handle(self, *args, username, role, administration, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No person with username {username!r}.")
        admin = None
        if Role(role) not in CITYWIDE_ROLES:
            if not administration:
                raise CommandError(f"The role {role} belongs to an administration: give --administration.")
            admin = Administration.objects.filter(name=administration).first()
            if admin is None:
                raise CommandError(f"No administration named {administration!r}.")
        _assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, administration=admin
        )
        self.stdout.write(f"{user.username}: {role} {'granted' if created else 'already held'}")
