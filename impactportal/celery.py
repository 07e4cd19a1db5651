import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impactportal.settings")

app = Celery("impactportal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
