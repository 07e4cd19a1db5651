# Production image, in two stages. The build stage installs the Python and npm packages, compiles
# the English catalogue and collects the static files WITH THE RUNTIME'S SETTINGS (DEBUG off: the
# hashed, compressed manifest storage whose staticfiles.json every page needs). The runtime stage
# gets the virtualenv, the code, the collected files and the compiled catalogue: no compilers, no
# Node.js, no tests/ (.dockerignore), no npm packages beyond the vendored front-end directories
# settings.STATICFILES_DIRS names; it runs gunicorn as an unprivileged user.

FROM python:3.11-slim-bookworm AS build
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=impactportal.settings \
    VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext nodejs npm \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error
COPY . .
# The settings refuse to load without a secret key when DEBUG is off; these two commands neither
# sign nor store anything, so a throwaway build-time key is enough (it is not kept in the image:
# it is set for this RUN only). DJANGO_DEBUG and DJANGO_TESTING stay unset, as at run time.
RUN DJANGO_SECRET_KEY=build-time-only-not-a-secret python manage.py compilemessages -l en \
    && DJANGO_SECRET_KEY=build-time-only-not-a-secret python manage.py collectstatic --noinput \
    && test -s staticfiles/staticfiles.json
# Keep only the front-end directories settings.STATICFILES_DIRS names (tests/core/test_deployment.py
# keeps this list and the settings in step): the pages are served from staticfiles/, these stay so
# that the settings' directories exist.
ARG VENDORED="@utrecht/component-library-css/dist @utrecht/design-tokens/dist htmx.org/dist chart.js/dist"
RUN mkdir /vendored \
    && for dir in $VENDORED; do mkdir -p "/vendored/$(dirname "$dir")" && mv "node_modules/$dir" "/vendored/$dir"; done \
    && rm -rf node_modules && mv /vendored node_modules

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=impactportal.settings \
    VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH DJANGO_MEDIA_ROOT=/data/media
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --create-home --home-dir /home/portal --shell /usr/sbin/nologin portal \
    && mkdir -p /data/media && chown portal:portal /data/media
COPY --from=build /opt/venv /opt/venv
# The code belongs to root and is read-only for the portal user; it writes only to /data/media.
COPY --from=build /app /app
WORKDIR /app
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "impactportal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
