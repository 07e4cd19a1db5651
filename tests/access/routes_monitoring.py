"""Permission matrix entries of monitoring: indicators, snapshots, reports and steering-group review (issue 14).
Joined into ROUTES and POSTS at the end of ``routes.py``."""

ROUTES: list = []
POSTS: list = []
