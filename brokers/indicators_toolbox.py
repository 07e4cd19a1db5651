"""Monitoring indicators of the toolbox and the action agenda: progress and actions completed."""

INDICATORS: list = []
