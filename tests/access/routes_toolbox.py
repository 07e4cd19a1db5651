"""Permission matrix entries of the broker team workspace: toolbox, answers, team, spending and the action agenda (issue 13).
Joined into ROUTES and POSTS at the end of ``routes.py``."""

ROUTES: list = []
POSTS: list = []
