"""Demo data of social return and procurement, one module per part; ``procurement.seeding`` runs them."""
