"""Monitoring indicators of the helpdesk: cases, first-response and resolution times, satisfaction."""

INDICATORS: list = []
