"""Database access shared by every app: Django's own backends with SELECTs compiled once per
process and query (``plans``)."""
