"""Helpdesk pages: staff (inbox, case page, actions), requester (Mijn vragen), sign-up and
linking, and the public knowledge base."""
