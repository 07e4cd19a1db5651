"""Permission matrix entries of the financing app (joined into ROUTES and POSTS at the end of
``routes.py``). Each part of the app declares its routes in its own section."""

from .routes import Post, Route  # noqa: F401

ROUTES: list[Route] = [
    # --- MKBA analyses ---
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    # --- instruments, financing mix, impact funds ---
]

POSTS: list[Post] = [
    # --- MKBA analyses ---
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    # --- instruments, financing mix, impact funds ---
]
