#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kam.settings")
    # Without a SECRET_KEY this is a development checkout: manage.py runs with DEBUG on, so
    # `python manage.py makemigrations` works on a fresh clone. A deployment sets SECRET_KEY
    # (gunicorn and celery refuse to start without it), so its commands keep DEBUG off.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
