"""The broker team's workspace: team and partners, budget spending and the action agenda."""
