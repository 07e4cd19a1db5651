"""Permission matrix entries of ecosystem map, coalitions, regional collaboration, real estate and events (issue 12).
Joined into ROUTES and POSTS at the end of ``routes.py``."""

ROUTES: list = []
POSTS: list = []
