# KAM CRM: one image for web (gunicorn), worker and beat (celery). See docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext compiles the translation catalogues at build time; Pango, HarfBuzz and a CJK font
# let WeasyPrint render PDF exports with Chinese text.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .

# Build-time only: settings refuse to load without a SECRET_KEY when DEBUG is off.
RUN DEBUG=0 SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --noinput \
    && DEBUG=0 SECRET_KEY=build-only-not-a-secret python manage.py compilemessages \
        --ignore=staticfiles --ignore=tests

RUN useradd --system --uid 10001 --home-dir /app kam \
    && mkdir -p /app/media \
    && chown -R kam /app/media
USER kam

EXPOSE 8000
CMD ["gunicorn", "kam.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-"]
