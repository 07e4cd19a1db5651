"""The toolbox "Aan de slag als makelaarsteam met mandaat vanuit de (lokale) overheid" (City Deal
Impact Ondernemen, 2023) as data: five themes, thirteen modules, their questions and assignments.

Texts are our own summary of the toolbox (seed 001); titles, facts and links follow it. Loaded
idempotently into the current edition by ``brokers.toolbox.seeding.seed_content`` (the app's
``seed_reference``); administrators edit them in the admin afterwards.

A question is ``(key, kind, text, options)``; for kind ``linked`` the options are the source key
(``impactportal.contributions.ToolboxSource``) that answers it with live portal data. Table
options are the columns."""

EDITION = {"code": "2023", "title": "Toolbox Makelaar met Mandaat (2023)", "published_on": "2023-06-01"}

THEMES = [(1, "Opstarten"), (2, "Verkennen"), (3, "Visie"), (4, "Aan de slag"), (5, "Evalueren en monitoren")]

YES_NO = "yes_no"
SUPPORT_MAP = "support-map"  # module 1's table: the action agenda shows it as the support map

MODULES = [
    {
        "number": 1, "theme": 1, "title": "Hoe organiseert u (bestuurlijk) draagvlak?",
        "goals": ["Hoe u collega's overtuigt dat impact ondernemen ertoe doet.",
                  "Hoe u uw wethouder of bestuurder meekrijgt."],
        "explanation": (
            "Wilt u dat impactondernemers in uw gemeente of provincie kunnen groeien, dan moet er in de eigen "
            "organisatie vaak iets veranderen. Dat lukt alleen met draagvlak: bij collega's van andere afdelingen "
            "en bij het bestuur. Begin bij de vraag wat impact ondernemen oplevert voor de opgaven van de ander "
            "(werk, duurzaamheid, zorg) en zoek bondgenoten die al overtuigd zijn."),
        "examples": (
            "In Zuidoost-Drenthe hielp een Regio Deal om bestuurders aan tafel te krijgen. Andere gemeenten "
            "begonnen met een korte presentatie 'impact ondernemen, de basics' in het managementoverleg."),
        "tips": [("Zakboek sociaal ondernemen (Social Enterprise NL)",
                  "https://www.social-enterprise.nl/application/files/8515/7235/3307/Zakboek_1.2.pdf"),
                 ("Presentatie Impact ondernemen – de basics (Platform31)",
                  "https://www.platform31.nl/wp-content/uploads/2023/06/Impact-ondernemen-de-basics.pptx")],
        "questions": [
            (SUPPORT_MAP, "table", "Maak een draagvlakkaart: welke collega's en bestuurders zijn al steunend, wie "
             "moet u nog overtuigen, en hoe?",
             [{"key": "name", "label": "Naam of functie"}, {"key": "stance", "label": "Steunend of te overtuigen"},
              {"key": "how", "label": "Hoe"}]),
            ("alderman", YES_NO, "Is er een wethouder of gedeputeerde die impact ondernemen in de portefeuille heeft?",
             []),
            ("arguments", "multiple", "Met welke argumenten overtuigt u in uw organisatie?",
             ["Werk voor mensen met een afstand tot de arbeidsmarkt", "Duurzaamheid en circulariteit",
              "Minder zorgkosten", "Sterkere lokale economie", "Maatschappelijk verantwoord inkopen"]),
            ("short-term-goals", "open", "Welke kortetermijndoelen kunt u nu stellen?", []),
        ],
    },
    {
        "number": 2, "theme": 1, "title": "Hoe richt u een makelaarsteam met mandaat in?",
        "goals": ["Waarom een makelaar(steam) met mandaat nodig is.",
                  "Hoe een goed werkend team eruitziet en wat het doet."],
        "explanation": (
            "Voor impactondernemers is de overheid dienstverlener, opdrachtgever en beleidsmaker tegelijk. "
            "Een makelaar met mandaat verbindt ondernemers met de juiste mensen in de organisatie en verandert "
            "van binnenuit de manier van werken. Dat kan één persoon zijn of een team, vaak met een externe "
            "netwerkpartner. Het team werkt op twee fronten: dienstverlening aan ondernemers en beleid."),
        "examples": (
            "Haarlem werkt met twee accountmanagers en een kernteam van collega's uit de beleidsafdelingen, "
            "samen met Stichting De Stadsgarage die loket en netwerk verzorgt."),
        "tips": [("Meer impact met sociaal ondernemerschap – roadmap voor gemeenten (G40)",
                  "https://www.g40stedennetwerk.nl/files/2018-02/"
                  "Meer_impact_met_sociaal_ondernemerschap_Roadmap_voor_gemeenten.pdf")],
        "questions": [
            ("team-form", "choice", "Wat past beter bij uw organisatie?",
             ["Eén makelaar met mandaat", "Een makelaarsteam met mandaat", "Een team met een externe netwerkpartner"]),
            ("team-people", "open", "Wie zouden goed passen in het makelaarsteam?", []),
            ("new-colleague", YES_NO, "Is het nodig een nieuwe collega aan te trekken?", []),
            ("team-qualities", "checklist", "Welke teamkwaliteiten zijn in uw (toekomstige) team goed vertegenwoordigd?",
             ["Verbinder", "Ecosysteembouwer", "Ambassadeur", "Accountmanager", "Creatief denker",
              "Enthousiasmerend", "Volhouder", "Strateeg", "Communicatief", "Wendbaar", "Ondernemend"]),
            ("start-with", "open", "Waarmee wilt u in uw gemeente als eerste aan de slag?", []),
        ],
    },
    {
        "number": 3, "theme": 2, "title": "Welke impactondernemers zijn al actief in uw regio?",
        "goals": ["Welke instrumenten er zijn om impactondernemers in kaart te brengen.",
                  "Welke vragen en wensen impactondernemers hebben."],
        "explanation": (
            "Voordat u beleid maakt, wilt u weten welke impactondernemers er in uw stad of regio zijn. Er is nog "
            "geen wettelijke definitie; veel gemeenten kiezen de Europese of de vijf kenmerken van Social "
            "Enterprise NL en de SER. Bestaande registers en platforms (Code Sociale Ondernemingen, PSO, "
            "inkoopplatforms) helpen bij het vinden. Voer daarna het gesprek: wat heeft de ondernemer nodig?"),
        "examples": "Het Kennemer Inkoop Platform toont ruim 130 impactondernemingen uit de regio.",
        "tips": [("Atlas impactondernemingen (City Deal)",
                  "https://citydealimpactondernemen.nl/voor-ondernemers/atlas-impact-ondernemingen/"),
                 ("Register Code Sociale Ondernemingen",
                  "https://www.codesocialeondernemingen.nl/over-het-register/zoek-deelnemers"),
                 ("Wat zijn sociale ondernemingen? (Social Enterprise NL)",
                  "https://www.social-enterprise.nl/over-sociaal-ondernemen/wat-zijn-het")],
        "questions": [
            ("register", "linked", "Overzicht van de impactondernemers in uw gemeente, met contactpersonen.",
             "enterprises.register"),
            ("definition", "choice", "Welke definitie van een impactonderneming gebruikt u?",
             ["De Europese definitie", "De vijf kenmerken van Social Enterprise NL en de SER",
              "Een eigen definitie", "Nog geen"]),
            ("talk-to", "open", "Met welke impactondernemers wilt u in gesprek?", []),
            ("entrepreneur-questions", "open", "Welke vragen leven er bij impactondernemers?", []),
        ],
    },
    {
        "number": 4, "theme": 2, "title": "Wat gebeurt er al voor impactondernemers?",
        "goals": ["Hoe uw huidige ondernemersdienstverlening eruitziet.",
                  "Welke landelijke en regionale instrumenten er voor impactondernemers zijn."],
        "explanation": (
            "Goede ondernemersdienstverlening is voor alle ondernemers belangrijk. Impactondernemers lopen "
            "daarnaast tegen eigen vragen aan: financiering van een gemengd verdienmodel, personeel met een "
            "afstand tot de arbeidsmarkt, inkoop. Breng in kaart wat er al is, in uw eigen organisatie en bij "
            "kennisinstellingen, netwerken en programma's in de regio."),
        "examples": "Hogescholen zoals de Hanzehogeschool en de HvA onderzoeken sociaal ondernemerschap; "
                    "regionale netwerken zoals Impact033 en De Stadsgarage bieden een loket.",
        "tips": [("Wegwijzers voor ondernemers (Social Enterprise NL)",
                  "https://www.social-enterprise.nl/advies-voor-ondernemers/wegwijzers"),
                 ("Kennisbank Voorgoed Agency", "https://www.voorgoedagency.nl/kennisbank/")],
        "questions": [
            ("knowledge", "linked", "Welke instrumenten staan in de kennisbank van het portaal?", "brokers.knowledge"),
            ("services-now", "open", "Hoe ziet de ondernemersdienstverlening er op dit moment uit?", []),
            ("service-checklist", "checklist", "Wat biedt uw organisatie al?",
             ["Eén loket of aanspreekpunt", "Persoonlijk contact met een accountmanager", "Online helpdesk",
              "Cursussen of trainingen", "Doorverwijzing naar de juiste afdeling", "Netwerkbijeenkomsten"]),
        ],
    },
    {
        "number": 5, "theme": 2, "title": "Welke andere domeinen zijn betrokken bij impact ondernemen?",
        "goals": ["Welke domeinen in uw organisatie met impact ondernemen te maken hebben.",
                  "Wat het huidige beleid is en wat collega's willen."],
        "explanation": (
            "Impactondernemers werken domeinoverstijgend: economie, werk en inkomen, inkoop, vastgoed, "
            "duurzaamheid en zorg. Wie weet welk beleid er al is en wat collega's ervan vinden, kan gericht "
            "verbinden. Gebruik de vragen als gespreksleidraad met collega's."),
        "examples": "", "tips": [],
        "questions": [
            ("domains", "multiple", "Welke domeinen zijn bij u betrokken?",
             ["Economie", "Werk en inkomen", "Inkoop", "Vastgoed", "Duurzaamheid", "Zorg en welzijn",
              "Vergunningen"]),
            ("mvoi-policy", YES_NO, "Heeft de afdeling inkoop al beleid voor maatschappelijk verantwoord inkopen?", []),
            ("sroi", "open", "Hoe is de SROI-verplichting in uw gemeente geregeld?", []),
            ("subsidies", YES_NO, "Bestaan er subsidieregelingen voor impactondernemers?", []),
        ],
    },
    {
        "number": 6, "theme": 3, "title": "Ontwikkel een visie op impact ondernemen",
        "goals": ["Hoe verschillende visies eruitzien en wat ze opleveren.",
                  "Wie betrokken moeten zijn bij het maken van een visie."],
        "explanation": (
            "U kunt na het verkennen direct een actieprogramma maken. Toch ervaren veel makelaars dat een "
            "gedeelde visie – een stip op de horizon – richting geeft en draagvlak bouwt. Betrek ondernemers, "
            "collega's, bestuur en partners bij het maken ervan."),
        "examples": "Groningen en Haarlem legden hun visie vast in een actieprogramma impact ondernemen.",
        "tips": [("Actieprogramma Ondernemen met impact 2019-2022 (Groningen)",
                  "https://gemeente.groningen.nl/file/actieprogramma-ondernemen-met-impact-2019-2022")],
        "questions": [
            ("inspiring-vision", "choice", "Welke manier van werken aan een visie past het best bij uw context?",
             ["Eerst een brede visie, dan een agenda", "Een visie als onderdeel van de economische visie",
              "Een visie samen met ondernemers opgesteld", "Nog geen visie: eerst doen"]),
            ("involve", "open", "Wie betrekt u bij het ontwikkelen van de visie?", []),
            ("vision", "open", "Wat is uw stip op de horizon? Noteer uw (eerste) visie.", []),
        ],
    },
    {
        "number": 7, "theme": 4, "title": "Innoveren binnen en buiten de organisatie",
        "goals": ["Hoe u op strategisch niveau aan de slag gaat.", "Hoe koplopers met externe partijen werken.",
                  "Welke rollen de makelaar heeft.", "Of een actieagenda zinvol is."],
        "explanation": (
            "In de praktijk zien we drie paden: (1) visie, actieagenda, uitvoeren en de organisatie meenemen; "
            "(2) eerst doen (dienstverlening, netwerk), dan een visie en strategisch werk, en een agenda als het "
            "rijp is; (3) laaghangend fruit plukken, successen vieren, collega's betrekken en toewerken naar een "
            "programma. Kies wat bij uw organisatie past."),
        "examples": "Haarlem stelde op 19 mei 2020 het Actieprogramma Impact Ondernemen 2020-2024 vast met de "
                    "lijnen dienstverlening, netwerk, handel, investeren en communicatie.",
        "tips": [],
        "questions": [
            ("path", "choice", "Welke manier van innoveren past bij uw organisatie?",
             ["Pad 1: visie → actieagenda → uitvoeren", "Pad 2: eerst doen → visie → agenda",
              "Pad 3: laaghangend fruit → vieren → programma"]),
            ("action-agenda", YES_NO, "Stelt u een actieagenda op?", []),
            ("external-partners", "open", "Met welke externe partijen werkt u samen, en hoe?", []),
        ],
    },
    {
        "number": 8, "theme": 4, "title": "Het ecosysteem versterken",
        "goals": ["Hoe een succesvol ecosysteem eruitziet.", "Hoe u een ecosysteem opbouwt."],
        "explanation": (
            "U hoeft het niet alleen te doen. Met een brede kring van partijen in de regio – ondernemers, "
            "financiers, onderwijs, netwerken, overheden – komt u verder. Kijk welke partijen welke schakel van "
            "het ecosysteem vullen, welke schakels leeg zijn en wie ze zou kunnen vullen."),
        "examples": "", "tips": [],
        "questions": [
            ("map", "linked", "Welke partijen vullen welke schakel van het ecosysteem, en waar zitten gaten?",
             "ecosystem.map"),
            ("boundaries", "open", "Wat zijn de grenzen van uw ecosysteem, in regio en in doelgroep?", []),
            ("role", "choice", "Welke rol neemt uw organisatie in het ecosysteem?",
             ["Regisseur", "Aanjager", "Deelnemer", "Financier"]),
        ],
    },
    {
        "number": 9, "theme": 4, "title": "Aan de slag met impactvol inkopen",
        "goals": ["Welke mogelijkheden er zijn om bij impactondernemers in te kopen.",
                  "Hoe u hun kans in een aanbesteding vergroot.", "Welke regels (lijken te) knellen."],
        "explanation": (
            "Inkoop is een krachtig instrument: direct inkopen bij impactondernemers of via social return "
            "(SROI). Obstakels zitten vaak in de procedure en in de gewoonte. Een inkoopplatform maakt "
            "impactondernemers zichtbaar voor inkopers."),
        "examples": "Het Kennemer Inkoop Platform en Buy Social brengen inkopers en impactondernemers samen.",
        "tips": [("Kennemer Inkoop Platform", "https://kennemerinkoopplatform.nl/"),
                 ("Buy Social marktplaats", "https://buy-social.nl/market/")],
        "questions": [
            ("sroi-figures", "linked", "Wat leveren social return en inkoop bij impactondernemers nu op?",
             "procurement.sroi"),
            ("mvoi-manifest", YES_NO, "Heeft uw organisatie het manifest MVOI ondertekend?", []),
            ("obstacles", "open", "Welke obstakels ervaren collega's bij maatschappelijk verantwoord inkopen?", []),
            ("platform", YES_NO, "Is er in uw regio al een inkoopplatform?", []),
        ],
    },
    {
        "number": 10, "theme": 4, "title": "Financiering voor impactondernemers",
        "goals": ["Welke stappen koplopers zetten bij impactvol financieren.",
                  "Wat resultaatfinanciering is.", "Wat place-based impact investing is."],
        "explanation": (
            "Financiering is voor impactondernemers lastiger, omdat hun verdienmodel maatschappelijke waarde "
            "bevat die niet vanzelf betaald wordt. Resultaatfinanciering betaalt voor bereikte uitkomsten; een "
            "MKBA maakt de maatschappelijke baten zichtbaar."),
        "examples": "Uit een analyse van 14 businesscases met een MKBA bleken de baten gemiddeld 1,6 keer de kosten.",
        "tips": [("Impactstrategie SIFR", "https://sifr.nl/wat-maakt-ons-anders/impact")],
        "questions": [
            ("financing", "linked", "Welke financieringsinstrumenten, MKBA's en resultaatcontracten zijn er?",
             "financing.overview"),
            ("change", "open", "Wat zou u aan de financiering van impactondernemers willen veranderen?", []),
        ],
    },
    {
        "number": 11, "theme": 4, "title": "Ruimte voor impactondernemers",
        "goals": ["Waarom de overheid ruimte voor impactondernemers maakt.",
                  "Waarop de makelaar kan inzetten om vastgoed beschikbaar te maken."],
        "explanation": (
            "Ruimte is schaars en marktconforme huren zijn voor startende impactondernemers een drempel. "
            "Gemeenten en provincies bezitten vastgoed en kunnen ruimte maatschappelijk inzetten."),
        "examples": "", "tips": [("Stadmakersfonds", "https://stadmakersfonds.nl/")],
        "questions": [
            ("property", "linked", "Welk vastgoed en welke ruimtevragen zijn er?", "ecosystem.real_estate"),
            ("available", YES_NO, "Heeft u vastgoed beschikbaar voor impactondernemers?", []),
            ("opportunities", "open", "Waar ziet u kansen om meer ruimte beschikbaar te stellen?", []),
        ],
    },
    {
        "number": 12, "theme": 4, "title": "Regionaal samenwerken",
        "goals": ["De voordelen van regionale samenwerking.", "Voorbeelden van regionale samenwerking."],
        "explanation": (
            "Veel impactondernemers werken in meerdere gemeenten, met verschillende regels voor bijvoorbeeld "
            "social return. Regionale samenwerking maakt regels eenduidiger en deelt een platform."),
        "examples": "In Zuid-Kennemerland en IJmond werken zeven gemeenten samen rond één inkoopplatform.",
        "tips": [("City Deal Impact Ondernemen",
                  "https://agendastad.nl/content/uploads/2022/06/1MIN0128.02-CityDeal-ImpactOndernemen_A4.pdf")],
        "questions": [
            ("collaborations", "linked", "Met wie werkt u in de regio al samen?", "ecosystem.collaborations"),
            ("interest", YES_NO, "Lijkt regionale samenwerking u interessant?", []),
            ("neighbours", "open", "Welke omliggende gemeenten zijn ook met impact ondernemen bezig?", []),
        ],
    },
    {
        "number": 13, "theme": 5, "title": "Zicht op impact",
        "goals": ["Hoe u de voortgang op uw doelen in kaart brengt.", "Hoe u uw eigen impact zichtbaar maakt.",
                  "Hoe u ondernemers helpt hun impact te meten."],
        "explanation": (
            "Meten helpt bijsturen en verantwoorden. Kies een paar indicatoren die passen bij uw doelen, meet "
            "ze regelmatig en zeg altijd hoe een cijfer tot stand kwam (gemeten, geschat of zelf opgegeven)."),
        "examples": "Maex maakt de sociale handafdruk van ondernemers zichtbaar.",
        "tips": [("Eenduidiger meten en rapporteren van SDG-impact (PIANOo)",
                  "https://open.overheid.nl/documenten/ronl-2a666c26-a94b-42fb-bcf6-2d1bdceee01b/pdf"),
                 ("Maex", "https://maex.nl/utrecht/#/home")],
        "questions": [
            ("indicators", "linked", "Welke indicatoren volgt u, en hoe staan ze ervoor?", "monitoring.indicators"),
            ("measure", "multiple", "Wat wilt u meten?",
             ["Aantal impactondernemers", "Werkplekken voor mensen met een afstand tot de arbeidsmarkt",
              "Inkoop bij impactondernemers", "SROI-realisatie", "CO2-reductie"]),
        ],
    },
]
