"""Forms of social return and procurement, one module per part (rule_sets, contracts, matching, requests, challenges, figures)."""
