"""What every page shows whoever the user is. The menu is ``accounts.context_processors``'s: it
follows the user's roles."""

from django.conf import settings


def portal(request):
    return {"demo_mode": settings.DEMO_MODE}
