"""Django's PostgreSQL and SQLite backends with one change: their SELECT compiler keeps its plans
(``impactportal.db.plans``). ``settings.DATABASES`` names these instead of Django's."""
