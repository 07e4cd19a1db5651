"""The English of the shipped building blocks' names and notes, by their Dutch text: English pages show
it (``Block.name_en``, ``Block.notes_en``). Dutch schemes and laws keep their name, with a short English
gloss. A Dutch text not in here has no English (the page shows the Dutch)."""

BLOCK_ENGLISH = {
    # names
    "Participatiewet < 2 jaar uitkering": "Participatiewet (Participation Act), < 2 years on benefits",
    "Participatiewet > 2 jaar uitkering": "Participatiewet (Participation Act), > 2 years on benefits",
    "Participatiewet < 2 jaar": "Participatiewet (Participation Act) < 2 years",
    "Participatiewet": "Participatiewet (Participation Act)",
    "Doelgroepregister (banenafspraak)": "Target group register (jobs agreement)",
    "Doelgroepregister": "Target group register (doelgroepregister)",
    "Wajong": "Wajong (disability benefit for young people)",
    "WIA/WAO": "WIA/WAO (work incapacity benefit)",
    "Wsw (sociale werkvoorziening)": "Wsw (sheltered employment)",
    "Beschut werk": "Sheltered work (beschut werk)",
    "WW < 1 jaar uitkering": "WW (unemployment benefit), < 1 year on benefits",
    "WW > 1 jaar uitkering": "WW (unemployment benefit), > 1 year on benefits",
    "WW": "WW (unemployment benefit)",
    "Niet-uitkeringsgerechtigde (NUG)": "Not entitled to benefits (NUG)",
    "Werkervaringsplek": "Work experience placement",
    "BBL niveau 1-2": "BBL (work-based vocational training) level 1-2",
    "BBL-traject": "BBL (work-based vocational training) programme",
    "BOL-traject": "BOL (school-based vocational training) programme",
    "Bonus kandidaat 50 jaar of ouder": "Bonus for a candidate aged 50 or over",
    "Bonus statushouder of taalachterstand": "Bonus for a refugee with a residence permit or a language gap",
    "Bonus vast contract": "Bonus for a permanent contract",
    "Bonus 50+": "Bonus 50+",
    "Inkoop bij een sociale onderneming": "Purchase from a social enterprise",
    "Inkoop bij een impactonderneming": "Purchase from an impact enterprise",
    "Inkoop bij een PSO-gecertificeerde onderneming": "Purchase from a PSO-certified enterprise",
    "Inzet van kennis en kunde": "Contribution of knowledge and expertise",
    "Kennisuren": "Knowledge hours",
    "Kennis- en ondersteuningsuren": "Knowledge and support hours",
    "PSO-certificaat leverancier": "Supplier's PSO certificate (social enterprise performance ladder)",
    "Anders, met onderbouwing": "Other, with justification",
    # notes
    "Kandidaat korter dan 2 jaar in de uitkering; per fte-jaar, ten hoogste 2 jaar per kandidaat.":
        "Candidate on benefits for less than 2 years; per FTE year, at most 2 years per candidate.",
    "Kandidaat langer dan 2 jaar in de uitkering; per fte-jaar, ten hoogste 2 jaar per kandidaat.":
        "Candidate on benefits for more than 2 years; per FTE year, at most 2 years per candidate.",
    "Per fte-jaar; het model noemt geen maximum aantal jaren.":
        "Per FTE year; the model sets no maximum number of years.",
    "Per fte-jaar; de tabel noemt geen maximum aantal jaren.":
        "Per FTE year; the table sets no maximum number of years.",
    "Geen uitkering; per fte-jaar, geen maximum aantal jaren genoemd.":
        "No benefits; per FTE year, no maximum number of years set.",
    "Per maand.": "Per month.",
    "Per opleidingsjaar, naar rato van de maanden.": "Per training year, pro rata by month.",
    "Per opleidingsjaar.": "Per training year.",
    "Per uur.": "Per hour.",
    "De volledige kosten exclusief btw tellen. De tabel vraagt geen certificaat: elke toegelaten "
    "impactonderneming uit het register telt.":
        "The full costs excluding VAT count. The table asks for no certificate: every admitted impact "
        "enterprise in the register counts.",
    "Elke toegelaten impactonderneming uit het register telt.":
        "Every admitted impact enterprise in the register counts.",
    "De verkoper heeft op de factuurdatum een geldig PSO-certificaat.":
        "The seller has a valid PSO certificate on the invoice date.",
    "Een PSO-certificaat dat geldig blijft tot het einde van het contract verlaagt de verplichting.":
        "A PSO certificate that remains valid until the end of the contract lowers the obligation.",
    "Telt pas na goedkeuring door een makelaar.": "Counts only once a broker has approved it.",
}


def english(dutch: str) -> str:
    """The shipped English of a block's Dutch name or notes; empty: none (the Dutch shows)."""
    return BLOCK_ENGLISH.get(dutch, "")
