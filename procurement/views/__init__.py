"""Screens of social return and procurement, one module per part."""
