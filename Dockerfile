# Production-like image: the same install steps as the Makefile, served by gunicorn.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=impactportal.settings
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
RUN pip install --no-cache-dir . \
    && DJANGO_TESTING=true python manage.py compilemessages -l en \
    && DJANGO_TESTING=true python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "impactportal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
