"""Real reference data: the parties of the City Deal Impact Ondernemen (from the deal text),
the region Zuid-Kennemerland en IJmond, the portal's organisations and the City Deal programme."""

import datetime as dt

from impactportal.accounts.constants import OrganisationKind, PartyCategory

C = PartyCategory

CITY_DEAL_PARTIES = [
    ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (BZK)", C.NATIONAL_GOVERNMENT),
    ("Ministerie van Economische Zaken en Klimaat (EZK)", C.NATIONAL_GOVERNMENT),
    ("Ministerie van Sociale Zaken en Werkgelegenheid (SZW)", C.NATIONAL_GOVERNMENT),
    ("Provincie Noord-Brabant", C.PROVINCE),
    ("Provincie Overijssel", C.PROVINCE),
    ("Gemeente Apeldoorn", C.MUNICIPALITY),
    ("Gemeente Den Haag", C.MUNICIPALITY),
    ("Gemeente Groningen", C.MUNICIPALITY),
    ("Gemeente Haarlem", C.MUNICIPALITY),
    ("Gemeente Utrecht", C.MUNICIPALITY),
    ("Gemeente Sittard-Geleen", C.MUNICIPALITY),
    ("Gemeente Emmen", C.MUNICIPALITY),
    ("Gemeente Helmond", C.MUNICIPALITY),
    ("Gemeente Delft", C.MUNICIPALITY),
    ("Gemeente Amsterdam", C.MUNICIPALITY),
    ("Gemeente Rotterdam", C.MUNICIPALITY),
    ("Gemeente Amersfoort", C.MUNICIPALITY),
    ("Gemeente Breda", C.MUNICIPALITY),
    ("Uitvoeringsinstituut Werknemersverzekeringen (UWV)", C.NATIONAL_AGENCY),
    ("Universiteit Utrecht", C.KNOWLEDGE),
    ("Nyenrode Business Universiteit", C.KNOWLEDGE),
    ("Erasmus Universiteit Rotterdam (IHS)", C.KNOWLEDGE),
    ("Hogeschool Rotterdam", C.KNOWLEDGE),
    ("NHL Stenden Hogeschool", C.KNOWLEDGE),
    ("Hogeschool Windesheim", C.KNOWLEDGE),
    ("Hanzehogeschool Groningen", C.KNOWLEDGE),
    ("Hogeschool van Amsterdam", C.KNOWLEDGE),
    ("MVO Nederland", C.INTERMEDIARY),
    ("Social Enterprise NL", C.INTERMEDIARY),
    ("Impact Noord", C.INTERMEDIARY),
    ("Impact Oost", C.INTERMEDIARY),
    ("Impact030", C.INTERMEDIARY),
    ("Stadsgarage Haarlem/Kennemerland", C.INTERMEDIARY),
    ("Social Club Den Haag", C.INTERMEDIARY),
    ("Voor Goed Agency Rotterdam", C.INTERMEDIARY),
    ("Impact Hub Amsterdam", C.INTERMEDIARY),
    ("Prestatieladder Socialer Ondernemen (PSO)", C.INTERMEDIARY),
    ("Code Sociale Ondernemingen", C.INTERMEDIARY),
    ("LSA bewoners", C.INTERMEDIARY),
    ("Platform31", C.INTERMEDIARY),
    ("Lansco, landelijk netwerk van sociaal coöperatief ondernemen", C.INTERMEDIARY),
    ("ROZ groep", C.INTERMEDIARY),
    ("EEGA Groep", C.INTERMEDIARY),
    ("MAEX", C.INTERMEDIARY),
    ("Stichting Rabobank Foundation", C.FUND),
    ("Social Impact Fonds Rotterdam", C.FUND),
    ("Stadmakersfonds", C.FUND),
    ("Sociaal Innovatiefonds", C.FUND),
    ("Social Finance NL", C.FUND),
    ("Deloitte", C.CONSULTANCY),
    ("PwC", C.CONSULTANCY),
    ("KplusV", C.CONSULTANCY),
    ("RONT Management Consultants", C.CONSULTANCY),
    ("Spectrum Elan", C.CONSULTANCY),
    ("Avance Impact", C.CONSULTANCY),
    ("The Bridging Company", C.ENTREPRENEUR),
    ("Well Decommissioned", C.ENTREPRENEUR),
    ("Atelier Jungles", C.ENTREPRENEUR),
    ("Fun Forest", C.ENTREPRENEUR),
    ("Koeckebackers", C.ENTREPRENEUR),
    ("Copiatek", C.ENTREPRENEUR),
    ("Bureau Raakt!", C.ENTREPRENEUR),
    ("Raw Paints", C.ENTREPRENEUR),
    ("Wij zijn Meo", C.ENTREPRENEUR),
    ("Vanhulley", C.ENTREPRENEUR),
    ("Breedweer", C.ENTREPRENEUR),
    ("Green Fox Social Return", C.ENTREPRENEUR),
    ("Impower, Social Impact Agency", C.ENTREPRENEUR),
    ("Lucrato", C.ENTREPRENEUR),
    ("Startup Apeldoorn", C.ENTREPRENEUR),
    ("ICQ Group", C.ENTREPRENEUR),
    ("ARGO 360", C.ENTREPRENEUR),
]

# Websites of parties, as the City Deal's own documents give them (seeds 000–004).
PARTY_WEBSITES = {
    "Social Enterprise NL": "https://www.social-enterprise.nl/",
    "Impact Noord": "https://impactnoord.nl/",
    "Impact Oost": "https://impactoost.nl/",
    "Impact030": "https://www.impact030.nl/",
    "Stadsgarage Haarlem/Kennemerland": "https://www.stichtingstadsgarage.nl/",
    "Social Club Den Haag": "https://socialclubdenhaag.nl/",
    "Voor Goed Agency Rotterdam": "https://www.voorgoedagency.nl/",
    "Impact Hub Amsterdam": "https://amsterdam.impacthub.net/nl/",
    "Prestatieladder Socialer Ondernemen (PSO)": "https://www.pso-nederland.nl/",
    "Code Sociale Ondernemingen": "https://www.codesocialeondernemingen.nl/",
    "Platform31": "https://www.platform31.nl/",
}

G, P = OrganisationKind.GEMEENTE, OrganisationKind.PROVINCIE
# (slug, name, kind, CBS code)
ORGANISATIONS = [
    ("haarlem", "Gemeente Haarlem", G, "GM0392"),
    ("amersfoort", "Gemeente Amersfoort", G, "GM0307"),
    ("emmen", "Gemeente Emmen", G, "GM0114"),
    ("rotterdam", "Gemeente Rotterdam", G, "GM0599"),
    ("groningen", "Gemeente Groningen", G, "GM0014"),
    ("provincie-overijssel", "Provincie Overijssel", P, ""),
    ("bloemendaal", "Gemeente Bloemendaal", G, "GM0377"),
    ("heemstede", "Gemeente Heemstede", G, "GM0397"),
    ("zandvoort", "Gemeente Zandvoort", G, "GM0473"),
    ("beverwijk", "Gemeente Beverwijk", G, "GM0375"),
    ("heemskerk", "Gemeente Heemskerk", G, "GM0396"),
    ("velsen", "Gemeente Velsen", G, "GM0453"),
    ("apeldoorn", "Gemeente Apeldoorn", G, "GM0200"),
    ("den-haag", "Gemeente Den Haag", G, "GM0518"),
    ("utrecht", "Gemeente Utrecht", G, "GM0344"),
    ("sittard-geleen", "Gemeente Sittard-Geleen", G, "GM1883"),
    ("helmond", "Gemeente Helmond", G, "GM0794"),
    ("delft", "Gemeente Delft", G, "GM0503"),
    ("amsterdam", "Gemeente Amsterdam", G, "GM0363"),
    ("breda", "Gemeente Breda", G, "GM0758"),
    ("provincie-noord-brabant", "Provincie Noord-Brabant", P, ""),
]

ZKIJ = {
    "slug": "zuid-kennemerland-ijmond",
    "name": "Zuid-Kennemerland en IJmond",
    "description": "Arbeidsmarktregio met één set afspraken over social return en een gedeeld inkoopplatform.",
    "members": ["bloemendaal", "haarlem", "heemstede", "zandvoort", "beverwijk", "heemskerk", "velsen"],
}

CITY_DEAL = {
    "slug": "city-deal-impact-ondernemen",
    "name": "City Deal Impact Ondernemen",
    "description": (
        "Samenwerking van rijk, provincies, gemeenten, UWV, kennisinstellingen, intermediairs, "
        "fondsen, adviesbureaus en impactondernemers om impact ondernemen te versterken. De eerste "
        "termijn liep van 11 maart 2021 tot 1 april 2024; de partijen zetten de City Deal daarna voort, "
        "in zes thema's met elk een themacoördinator."
    ),
    "start_date": dt.date(2021, 3, 11),
    # The deal itself ended its first term on 1 April 2024 ("eindigt op 1 april 2024", seed 000) and
    # the parties would consult on its continuation; it ran on (five years and six themes by January
    # 2026, seed 003) with no end date known: none here, the first term's end is in the description
    # and the phases. An end date in 2024 showed "2021–2024" on the home page and the dashboard beside
    # a steering group meeting and budgeting this year.
    "end_date": None,
    # (number, name, English name, description) and (name, English name, description)
    "phases": [
        (1, "Uitwerking plan van aanpak", "Working out the plan of approach",
         "Maart–mei 2021: plan van aanpak, organisatie en versterking van het netwerk."),
        (2, "Bijstellen en evalueren", "Adjusting and evaluating",
         "Juli 2021–maart 2022: werkplan bijstellen, uitvoering evalueren, kennis delen."),
        (3, "Uitvoeren en opschalen", "Carrying out and starting to scale up",
         "April 2022–maart 2023: uitvoeren, samenwerking evalueren, beginnen met opschalen."),
        (4, "Implementatie en opschaling", "Implementing and scaling up",
         "April 2023–maart 2024: resultaten implementeren en opschalen."),
        (5, "Voortzetting in zes thema's", "Continuation in six themes",
         "Vanaf april 2024: de partijen zetten de City Deal voort, in zes thema's met elk een "
         "themacoördinator."),
    ],
    "tracks": [
        ("Overheidsorganisaties", "Government organisations",
         "Werkwijzen van overheden bij elkaar brengen; een minder verkokerde overheid."),
        ("Loket en netwerk", "Desk and network",
         "‘Connecting the dots’: netwerken van impactondernemers versterken en verbinden."),
        ("Financieel", "Financing", "‘Roadmap’ tot financiering: toegang tot publieke en private financiering."),
    ],
}
