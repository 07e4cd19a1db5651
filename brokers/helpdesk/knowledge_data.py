"""Knowledge-base entries from the toolbox (module 4, "Wat gebeurt er al voor impactondernemers?").
Names and links come from the toolbox; the descriptions are our own short summaries."""

from brokers.constants import InstrumentKind as K

NL = "Landelijk"

# name, kind, region, provider, url, description
INSTRUMENTS = [
    # knowledge landscape
    ("Hanzehogeschool Groningen — Social Impact Beloond", K.KNOWLEDGE, "Noord-Nederland", "Hanzehogeschool Groningen",
     "https://www.hanze.nl/nl/onderzoeken/centers/marian-van-os-centre-of-expertise-ondernemen/projecten/social-impact-beloond",
     "Praktijkgericht onderzoek naar het belonen van maatschappelijke impact, onder meer met resultaatfinanciering."),
    ("Hogeschool van Amsterdam — sociaal ondernemerschap", K.KNOWLEDGE, "Amsterdam", "Hogeschool van Amsterdam",
     "https://www.hva.nl/ondernemerschap/onderzoek/sociaal-ondernemerschap/sociaal-ondernemerschap.html",
     "Onderzoek naar wat sociale ondernemingen laat groeien en hoe gemeenten ze kunnen ondersteunen."),
    ("Hogeschool Windesheim — toekomstbestendig sociaal ondernemen", K.KNOWLEDGE, "Oost-Nederland", "Hogeschool Windesheim",
     "https://www.windesheim.nl/onderzoek/lectoraten/nieuwe-arbeidsverhoudingen/toekomstbestendig-sociaal-ondernemen",
     "Lectoraat dat onderzoekt hoe sociale ondernemingen duurzaam werk bieden aan mensen met een afstand tot de arbeidsmarkt."),
    ("NHL Stenden — betekenisvol ondernemen", K.KNOWLEDGE, "Noord-Nederland", "NHL Stenden Hogeschool",
     "https://www.nhlstenden.com/onderzoek/betekenisvol-ondernemen",
     "Onderzoek en onderwijs over ondernemen met een maatschappelijk doel, samen met ondernemers uit de regio."),
    ("Nyenrode — ecosysteem voor maatschappelijke impact", K.KNOWLEDGE, NL, "Nyenrode Business Universiteit",
     "https://www.nyenrode.nl/nieuws/n/maatschappelijke-impact-vergroten-cre%C3%ABren-ecosysteem",
     "Kennis over hoe u samen met partners een ecosysteem bouwt dat maatschappelijke impact vergroot."),
    ("Saxion — Centrum voor Ondernemerschap", K.KNOWLEDGE, "Oost-Nederland", "Saxion",
     "https://www.saxion.nl/bedrijven/ondernemerschap/centrum-voor-ondernemerschap",
     "Kenniscentrum dat ondernemers helpt met vragen over groei, innovatie en maatschappelijke waarde."),
    ("Thrive Institute", K.KNOWLEDGE, NL, "Thrive Institute", "https://www.thriveinstitute.nl/",
     "Instituut dat kennis over impact meten en sturen op impact ontwikkelt en deelt met ondernemers en overheden."),
    ("Universiteit Utrecht — leergang sociaal ondernemen", K.KNOWLEDGE, "Utrecht", "Universiteit Utrecht",
     "https://www.uu.nl/nieuws/leergang-sociaal-ondernemen-programma-voor-zakelijke-en-persoonlijke-groei",
     "Programma van de universiteit voor zakelijke en persoonlijke groei van sociaal ondernemers."),
    # impact networks
    ("De Omslag", K.NETWORK, "Eindhoven", "", "https://www.deomslag.nl/nl/home",
     "Werkplaats en netwerk voor sociaal ondernemers en initiatiefnemers die de stad willen verbeteren."),
    ("Impact030", K.NETWORK, "Utrecht", "", "https://www.impact030.nl/",
     "Netwerk van impactondernemers in de regio Utrecht: ontmoeten, leren en samen zichtbaar worden."),
    ("Impact Coalitie Amersfoort", K.NETWORK, "Amersfoort", "", "https://www.impactcoalitie.nl/",
     "Samenwerking van ondernemers, gemeente en partners om impact ondernemen in Amersfoort te versterken."),
    ("Impact033", K.NETWORK, "Amersfoort", "", "https://impact033.nl/",
     "Netwerk dat impactondernemers in en rond Amersfoort met elkaar en met opdrachtgevers verbindt."),
    ("Impact Factory", K.NETWORK, "Utrecht", "Social Impact Factory", "https://www.socialimpactfactory.com/",
     "Ontmoetingsplek en netwerk dat sociaal ondernemers koppelt aan opdrachtgevers en aan elkaar."),
    ("Impact Hub Amsterdam", K.NETWORK, "Amsterdam", "Impact Hub", "https://amsterdam.impacthub.net/nl/",
     "Community, werkplek en programma's voor ondernemers die werken aan maatschappelijke vraagstukken."),
    ("Impact Noord", K.NETWORK, "Noord-Nederland", "", "https://impactnoord.nl/",
     "Netwerk voor impactondernemers in Groningen, Friesland en Drenthe; werkt samen met gemeenten en provincies."),
    ("Impact Oost", K.NETWORK, "Oost-Nederland", "", "https://impactoost.nl/",
     "Netwerk en inkoopplatform dat impactondernemers in Oost-Nederland zichtbaar maakt voor kopers."),
    ("Social Club Den Haag", K.NETWORK, "Den Haag", "", "https://socialclubdenhaag.nl/",
     "Netwerk van Haagse sociaal ondernemers met bijeenkomsten, kennisdeling en belangenbehartiging."),
    ("Sterk Brabant", K.NETWORK, "Brabant", "", "https://sterkbrabant.nl/default.aspx",
     "Netwerk van sociaal ondernemers in Brabant dat kennis deelt en samenwerking met overheden zoekt."),
    ("Stichting Stadsgarage", K.NETWORK, "Haarlem en Kennemerland", "", "https://www.stichtingstadsgarage.nl/",
     "Netwerkpartner van de gemeente Haarlem: loket en netwerk voor impactondernemers in Kennemerland."),
    ("VoorGoed Rotterdam", K.NETWORK, "Rotterdam", "Voor Goed Agency", "https://www.voorgoedagency.nl/",
     "Bureau en netwerk dat impactondernemers in Rotterdam ondersteunt en verbindt met gemeente en bedrijven."),
    # financing and impact measurement
    ("Finance Tool", K.FINANCING, NL, "Social Enterprise NL",
     "https://www.social-enterprise.nl/advies-voor-ondernemers/wegwijzers/Finance-Tool",
     "Wegwijzer die helpt de financieringsvorm te kiezen die past bij de fase en het verdienmodel van uw onderneming."),
    ("Meetinstrumenten voor impact", K.MEASUREMENT, NL, "Kennis van Stad en Regio",
     "https://kennisvanstadenregio.nl/verdieping/kennisdossier-impact-ondernemen/interne-organisatie-gemeente/meetinstrumenten",
     "Overzicht van methoden om maatschappelijke impact te meten en zichtbaar te maken."),
    # other tools
    ("Ikbendrentsondernemer — impact ondernemen", K.TOOL, "Drenthe", "Ikbendrentsondernemer",
     "https://ikbendrentsondernemer.nl/impact-ondernemen/",
     "Informatie en verwijzingen voor Drentse ondernemers die met impact willen ondernemen."),
    ("Kennisbank Voor Goed Agency", K.TOOL, NL, "Voor Goed Agency", "https://www.voorgoedagency.nl/kennisbank/",
     "Artikelen en handreikingen over impact ondernemen, inkoop en samenwerking met gemeenten."),
    ("ROZ Groep — tools voor impactondernemers", K.TOOL, NL, "ROZ Groep", "https://www.rozgroep.nl/impactondernemen/tools/",
     "Praktische hulpmiddelen voor impactondernemers, bijvoorbeeld voor het verdienmodel en de businesscase."),
    ("Wegwijzers Social Enterprise NL", K.TOOL, NL, "Social Enterprise NL",
     "https://www.social-enterprise.nl/advies-voor-ondernemers/wegwijzers",
     "Wegwijzers over rechtsvorm, personeel, financiering en meer voor sociaal ondernemers."),
    # courses
    ("ROZ Groep — trainingen impact ondernemen", K.COURSE, NL, "ROZ Groep",
     "https://www.rozgroep.nl/impactondernemen/trainingen/",
     "Trainingen voor (startende) impactondernemers, bijvoorbeeld over het verdienmodel."),
    ("Groeiprogramma's Social Enterprise NL", K.COURSE, NL, "Social Enterprise NL",
     "https://www.social-enterprise.nl/Voor-sociaal-ondernemers/groeiprogramma-s",
     "Programma's die sociaal ondernemers helpen hun onderneming en impact te laten groeien."),
    ("Starters4Communities", K.COURSE, NL, "Starters4Communities", "https://starters4communities.nl/",
     "Leer- en werkprogramma's voor jonge professionals en ondernemers die werken aan maatschappelijke opgaven."),
    ("Thrive Institute — voor organisaties en professionals", K.COURSE, NL, "Thrive Institute",
     "https://www.thriveinstitute.nl/organisaties-en-professionals",
     "Opleidingen over impact meten en sturen op impact."),
    ("WorldStartup — support programmes", K.COURSE, NL, "WorldStartup", "https://www.worldstartup.co/support-programmes",
     "Ondersteuningsprogramma's die ondernemers met een maatschappelijk doel koppelen aan opdrachtgevers."),
    ("Scaling up social intrapreneurship", K.COURSE, NL, "Universiteit Utrecht",
     "https://www.uu.nl/executive-onderwijs-recht-economie-bestuur-en-organisatie/executive-programmas/scaling-up-social-intrapreneurship",
     "Executive-programma over het opschalen van maatschappelijke initiatieven binnen organisaties."),
    ("Drift — leergang voor ambtenaren", K.COURSE, NL, "Drift", "",
     "Leergang over transities voor ambtenaren; nuttig voor medewerkers die impactondernemers ondersteunen."),
    # events
    ("Buy Social XL", K.EVENT, NL, "Social Enterprise NL",
     "https://www.social-enterprise.nl/nieuws-en-evenementen/actueel/blog/buy-social-xl-2022-zichtbaar-en-onzichtbaar-werken-aan-impact",
     "Evenement waar inkopers en sociaal ondernemers elkaar ontmoeten om meer sociaal in te kopen."),
    ("Impact Days", K.EVENT, NL, "", "https://theimpactdays.nl/",
     "Dagen vol workshops en ontmoetingen voor impactondernemers."),
    ("Social Enterprise Day", K.EVENT, NL, "", "https://www.socialenterprisedays.nl/",
     "Jaarlijkse ontmoetingsdag van de sociaal-ondernemerswereld in Nederland."),
    ("Social Enterprise Overheidscongres", K.EVENT, NL, "Social Enterprise NL",
     "https://overheidscongres.social-enterprise.nl/",
     "Congres voor overheden over samenwerken met en inkopen bij sociale ondernemingen."),
    ("Social Impact Event", K.EVENT, NL, "", "https://ohmygood.nl/social-impact-event/",
     "Evenement over maatschappelijke impact met sprekers en ontmoetingen tussen ondernemers en organisaties."),
]

# The English of each entry, by its (Dutch) name: (name, description). Names of organisations, programmes
# and events stay as they are; a Dutch name gets an English one.
ENGLISH = {
    "Hanzehogeschool Groningen — Social Impact Beloond": (
        "Hanze University of Applied Sciences Groningen — Social Impact Beloond (social impact rewarded)",
        "Applied research into rewarding social impact, among other things through results-based financing."),
    "Hogeschool van Amsterdam — sociaal ondernemerschap": (
        "Amsterdam University of Applied Sciences — social entrepreneurship",
        "Research into what makes social enterprises grow and how municipalities can support them."),
    "Hogeschool Windesheim — toekomstbestendig sociaal ondernemen": (
        "Windesheim University of Applied Sciences — future-proof social entrepreneurship",
        "Research group studying how social enterprises offer lasting work to people at a distance from the "
        "labour market."),
    "NHL Stenden — betekenisvol ondernemen": (
        "NHL Stenden — meaningful entrepreneurship",
        "Research and teaching on business with a social purpose, together with entrepreneurs from the region."),
    "Nyenrode — ecosysteem voor maatschappelijke impact": (
        "Nyenrode — an ecosystem for social impact",
        "Knowledge on how to build, together with partners, an ecosystem that increases social impact."),
    "Saxion — Centrum voor Ondernemerschap": (
        "Saxion — Centre for Entrepreneurship",
        "Knowledge centre helping entrepreneurs with questions about growth, innovation and social value."),
    "Thrive Institute": (
        "",
        "Institute that develops knowledge on measuring impact and managing by impact, and shares it with "
        "entrepreneurs and governments."),
    "Universiteit Utrecht — leergang sociaal ondernemen": (
        "Utrecht University — social entrepreneurship course",
        "The university's programme for the business and personal growth of social entrepreneurs."),
    "De Omslag": (
        "",
        "Workshop and network for social entrepreneurs and initiators who want to improve the city."),
    "Impact030": (
        "",
        "Network of impact entrepreneurs in the Utrecht region: meeting, learning and becoming visible together."),
    "Impact Coalitie Amersfoort": (
        "",
        "Partnership of entrepreneurs, the municipality and partners to strengthen impact entrepreneurship in "
        "Amersfoort."),
    "Impact033": (
        "",
        "Network connecting impact entrepreneurs in and around Amersfoort with each other and with clients."),
    "Impact Factory": (
        "",
        "Meeting place and network that links social entrepreneurs to clients and to each other."),
    "Impact Hub Amsterdam": (
        "",
        "Community, workspace and programmes for entrepreneurs working on social issues."),
    "Impact Noord": (
        "",
        "Network for impact entrepreneurs in Groningen, Friesland and Drenthe; works with municipalities and "
        "provinces."),
    "Impact Oost": (
        "",
        "Network and purchasing platform that makes impact entrepreneurs in the east of the Netherlands visible "
        "to buyers."),
    "Social Club Den Haag": (
        "",
        "Network of social entrepreneurs in The Hague with meetings, knowledge sharing and advocacy."),
    "Sterk Brabant": (
        "",
        "Network of social entrepreneurs in Brabant that shares knowledge and seeks cooperation with governments."),
    "Stichting Stadsgarage": (
        "",
        "Network partner of the municipality of Haarlem: desk and network for impact entrepreneurs in Kennemerland."),
    "VoorGoed Rotterdam": (
        "",
        "Agency and network that supports impact entrepreneurs in Rotterdam and connects them with the "
        "municipality and businesses."),
    "Finance Tool": (
        "",
        "Guide that helps you choose the form of financing that fits your enterprise's stage and business model."),
    "Meetinstrumenten voor impact": (
        "Impact measurement tools",
        "Overview of methods to measure social impact and make it visible."),
    "Ikbendrentsondernemer — impact ondernemen": (
        "Ikbendrentsondernemer — impact entrepreneurship",
        "Information and referrals for entrepreneurs in Drenthe who want to run a business with impact."),
    "Kennisbank Voor Goed Agency": (
        "Voor Goed Agency knowledge base",
        "Articles and guides on impact entrepreneurship, procurement and working with municipalities."),
    "ROZ Groep — tools voor impactondernemers": (
        "ROZ Groep — tools for impact entrepreneurs",
        "Practical tools for impact entrepreneurs, for example for the business model and the business case."),
    "Wegwijzers Social Enterprise NL": (
        "Social Enterprise NL guides",
        "Guides on legal form, staff, financing and more for social entrepreneurs."),
    "ROZ Groep — trainingen impact ondernemen": (
        "ROZ Groep — impact entrepreneurship training",
        "Training for (starting) impact entrepreneurs, for example on the business model."),
    "Groeiprogramma's Social Enterprise NL": (
        "Social Enterprise NL growth programmes",
        "Programmes that help social entrepreneurs grow their enterprise and their impact."),
    "Starters4Communities": (
        "",
        "Learning and work programmes for young professionals and entrepreneurs working on social challenges."),
    "Thrive Institute — voor organisaties en professionals": (
        "Thrive Institute — for organisations and professionals",
        "Courses on measuring impact and managing by impact."),
    "WorldStartup — support programmes": (
        "",
        "Support programmes that link entrepreneurs with a social purpose to clients."),
    "Scaling up social intrapreneurship": (
        "",
        "Executive programme on scaling up social initiatives within organisations."),
    "Drift — leergang voor ambtenaren": (
        "Drift — course for civil servants",
        "Course on transitions for civil servants; useful for staff who support impact entrepreneurs."),
    "Buy Social XL": (
        "",
        "Event where buyers and social entrepreneurs meet to purchase more socially."),
    "Impact Days": (
        "",
        "Days full of workshops and meetings for impact entrepreneurs."),
    "Social Enterprise Day": (
        "",
        "Annual meeting day of the social enterprise world in the Netherlands."),
    "Social Enterprise Overheidscongres": (
        "Social Enterprise government conference (Overheidscongres)",
        "Conference for governments on working with and purchasing from social enterprises."),
    "Social Impact Event": (
        "",
        "Event on social impact with speakers and meetings between entrepreneurs and organisations."),
}
