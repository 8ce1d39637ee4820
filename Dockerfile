# syntax=docker/dockerfile:1
# One image for the portal's three processes (docker-compose.yml): web (gunicorn), the Celery
# worker and Celery beat. Settings come from the environment at run time; nothing secret is baked in.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=helsocial.settings \
    STATIC_MANIFEST=true

# gettext: compilemessages below. Chromium and a font: the evidence screenshots of removed comments
# (architecture.md); build with --build-arg WITH_CHROMIUM=false for a smaller image that falls back
# to the Pillow rendering.
ARG WITH_CHROMIUM=true
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && if [ "$WITH_CHROMIUM" = "true" ]; then \
         apt-get install -y --no-install-recommends chromium fonts-dejavu-core; \
       fi \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# The pinned dependencies in their own layer, read from pyproject.toml, so a code change does not
# reinstall them. The project itself runs from /app (PYTHONPATH), it is not pip-installed.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .

# Static files with content-hashed names for whitenoise's manifest storage (STATIC_MANIFEST=true
# above, also at run time), and the compiled Swedish translations.
RUN python manage.py collectstatic --noinput -v 0 \
    && if [ -d locale ]; then python manage.py compilemessages -v 0; fi

# Run as a non-root user; it may write only var/ (media, mail files, beat's schedule).
RUN groupadd --system --gid 10001 helsocial \
    && useradd --system --uid 10001 --gid helsocial --home-dir /app --no-create-home \
         --shell /usr/sbin/nologin helsocial \
    && mkdir -p /app/var/media /app/var/mail \
    && chown helsocial:helsocial /app/var /app/var/media /app/var/mail
USER helsocial

EXPOSE 8000
CMD ["gunicorn", "helsocial.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
