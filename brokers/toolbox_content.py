"""The toolbox "Aan de slag als makelaarsteam met mandaat vanuit de (lokale) overheid" (City Deal
Impact Ondernemen, 2023) as data: five themes, thirteen modules, their questions and assignments.

Texts are our own summary of the toolbox (seed 001); titles, facts and links follow it. Each text
comes with its English version (``…_en``; names of organisations and documents stay as they are,
links are the same). Loaded idempotently into the current edition by
``brokers.toolbox.seeding.seed_content`` (the app's ``seed_reference``); administrators edit them in
the admin afterwards.

A question is ``(key, kind, text, text_en, options)``. For kinds ``choice``, ``multiple`` and
``checklist`` the options are ``(Dutch, English)`` pairs: an answer stores the Dutch option, the
English is only its label on English pages. Table options are the columns (``key``, ``label``,
``label_en``). For kind ``linked`` the options are the source key
(``impactportal.contributions.ToolboxSource``) that answers it with live portal data. A reading tip
is ``(title, title_en, url)``."""

EDITION = {"code": "2023", "title": "Toolbox Makelaar met Mandaat (2023)",
           "title_en": "Toolbox Broker with a Mandate (2023)", "published_on": "2023-06-01"}

THEMES = [(1, "Opstarten", "Getting started"), (2, "Verkennen", "Exploring"), (3, "Visie", "Vision"),
          (4, "Aan de slag", "Getting to work"), (5, "Evalueren en monitoren", "Evaluating and monitoring")]

YES_NO = "yes_no"
SUPPORT_MAP = "support-map"  # module 1's table: the action agenda shows it as the support map
# Module 2's team qualities: read from the team workspace (TeamMember.qualities, BrokerTeam.qualities).
TEAM_QUALITIES_TEXT = "Welke teamkwaliteiten brengt uw makelaarsteam mee, en welke ontbreken nog?"
TEAM_QUALITIES_TEXT_EN = "Which team qualities does your broker team bring, and which are still missing?"

MODULES = [
    {
        "number": 1, "theme": 1, "title": "Hoe organiseert u (bestuurlijk) draagvlak?",
        "title_en": "How do you build support, including at executive level?",
        "goals": ["Hoe u collega's overtuigt dat impact ondernemen ertoe doet.",
                  "Hoe u uw wethouder of bestuurder meekrijgt."],
        "goals_en": ["How to convince colleagues that impact entrepreneurship matters.",
                     "How to get your alderman or executive on board."],
        "explanation": (
            "Wilt u dat impactondernemers in uw gemeente of provincie kunnen groeien, dan moet er in de eigen "
            "organisatie vaak iets veranderen. Dat lukt alleen met draagvlak: bij collega's van andere afdelingen "
            "en bij het bestuur. Begin bij de vraag wat impact ondernemen oplevert voor de opgaven van de ander "
            "(werk, duurzaamheid, zorg) en zoek bondgenoten die al overtuigd zijn."),
        "explanation_en": (
            "If you want impact entrepreneurs in your municipality or province to be able to grow, something often "
            "has to change within your own organisation. That only works with support: from colleagues in other "
            "departments and from the executive. Start with the question of what impact entrepreneurship "
            "contributes to the other person's challenges (employment, sustainability, care) and look for allies "
            "who are already convinced."),
        "examples": (
            "In Zuidoost-Drenthe hielp een Regio Deal om bestuurders aan tafel te krijgen. Andere gemeenten "
            "begonnen met een korte presentatie 'impact ondernemen, de basics' in het managementoverleg."),
        "examples_en": (
            "In Zuidoost-Drenthe, a Regio Deal helped to get executives round the table. Other municipalities "
            "started with a short presentation, 'impact ondernemen, de basics' (impact entrepreneurship: the "
            "basics), at their management meeting."),
        "tips": [("Zakboek sociaal ondernemen (Social Enterprise NL)",
                  "Zakboek sociaal ondernemen: a pocket guide to social enterprise (Social Enterprise NL, in Dutch)",
                  "https://www.social-enterprise.nl/application/files/8515/7235/3307/Zakboek_1.2.pdf"),
                 ("Presentatie Impact ondernemen – de basics (Platform31)",
                  "Presentation 'Impact ondernemen – de basics': impact entrepreneurship, the basics "
                  "(Platform31, in Dutch)",
                  "https://www.platform31.nl/wp-content/uploads/2023/06/Impact-ondernemen-de-basics.pptx")],
        "questions": [
            (SUPPORT_MAP, "table", "Maak een draagvlakkaart: welke collega's en bestuurders zijn al steunend, wie "
             "moet u nog overtuigen, en hoe?",
             "Make a support map: which colleagues and executives already support you, whom do you still need to "
             "convince, and how?",
             [{"key": "name", "label": "Naam of functie", "label_en": "Name or position"},
              {"key": "stance", "label": "Steunend of te overtuigen", "label_en": "Supportive or to be convinced"},
              {"key": "how", "label": "Hoe", "label_en": "How"}]),
            ("alderman", YES_NO, "Is er een wethouder of gedeputeerde die impact ondernemen in de portefeuille heeft?",
             "Is there an alderman or member of the provincial executive whose portfolio includes impact "
             "entrepreneurship?", []),
            ("arguments", "multiple", "Met welke argumenten overtuigt u in uw organisatie?",
             "Which arguments do you use to convince people in your organisation?",
             [("Werk voor mensen met een afstand tot de arbeidsmarkt",
               "Work for people at a distance from the labour market"),
              ("Duurzaamheid en circulariteit", "Sustainability and circularity"),
              ("Minder zorgkosten", "Lower care costs"),
              ("Sterkere lokale economie", "A stronger local economy"),
              ("Maatschappelijk verantwoord inkopen", "Socially responsible procurement")]),
            ("short-term-goals", "open", "Welke kortetermijndoelen kunt u nu stellen?",
             "Which short-term goals can you set now?", []),
        ],
    },
    {
        "number": 2, "theme": 1, "title": "Hoe richt u een makelaarsteam met mandaat in?",
        "title_en": "How do you set up a broker team with a mandate?",
        "goals": ["Waarom een makelaar(steam) met mandaat nodig is.",
                  "Hoe een goed werkend team eruitziet en wat het doet."],
        "goals_en": ["Why a broker (or broker team) with a mandate is needed.",
                     "What a well-functioning team looks like and what it does."],
        "explanation": (
            "Voor impactondernemers is de overheid dienstverlener, opdrachtgever en beleidsmaker tegelijk. "
            "Een makelaar met mandaat verbindt ondernemers met de juiste mensen in de organisatie en verandert "
            "van binnenuit de manier van werken. Dat kan één persoon zijn of een team, vaak met een externe "
            "netwerkpartner. Het team werkt op twee fronten: dienstverlening aan ondernemers en beleid."),
        "explanation_en": (
            "For impact entrepreneurs, government is a service provider, a client and a policymaker all at once. "
            "A broker with a mandate connects entrepreneurs with the right people in the organisation and changes "
            "the way of working from within. That can be one person or a team, often with an external network "
            "partner. The team works on two fronts: services for entrepreneurs, and policy."),
        "examples": (
            "Haarlem werkt met twee accountmanagers en een kernteam van collega's uit de beleidsafdelingen, "
            "samen met Stichting De Stadsgarage die loket en netwerk verzorgt."),
        "examples_en": (
            "Haarlem works with two account managers and a core team of colleagues from the policy departments, "
            "together with Stichting De Stadsgarage, which runs the front desk and the network."),
        "tips": [("Meer impact met sociaal ondernemerschap – roadmap voor gemeenten (G40)",
                  "Meer impact met sociaal ondernemerschap: a roadmap for municipalities on more impact through "
                  "social entrepreneurship (G40, in Dutch)",
                  "https://www.g40stedennetwerk.nl/files/2018-02/"
                  "Meer_impact_met_sociaal_ondernemerschap_Roadmap_voor_gemeenten.pdf")],
        "questions": [
            ("team-form", "choice", "Wat past beter bij uw organisatie?", "What suits your organisation best?",
             [("Eén makelaar met mandaat", "One broker with a mandate"),
              ("Een makelaarsteam met mandaat", "A broker team with a mandate"),
              ("Een team met een externe netwerkpartner", "A team with an external network partner")]),
            ("team-people", "open", "Wie zouden goed passen in het makelaarsteam?",
             "Who would fit well in the broker team?", []),
            ("new-colleague", YES_NO, "Is het nodig een nieuwe collega aan te trekken?",
             "Do you need to recruit a new colleague?", []),
            # Linked: the team workspace records the qualities per team member (link them, do not ask
            # twice); brokers 0016 moved the answers given before into it.
            ("team-qualities", "linked", TEAM_QUALITIES_TEXT, TEAM_QUALITIES_TEXT_EN, "brokers.team_qualities"),
            ("start-with", "open", "Waarmee wilt u in uw gemeente als eerste aan de slag?",
             "What would you like to tackle first in your municipality?", []),
        ],
    },
    {
        "number": 3, "theme": 2, "title": "Welke impactondernemers zijn al actief in uw regio?",
        "title_en": "Which impact entrepreneurs are already active in your region?",
        "goals": ["Welke instrumenten er zijn om impactondernemers in kaart te brengen.",
                  "Welke vragen en wensen impactondernemers hebben."],
        "goals_en": ["Which instruments there are to map impact entrepreneurs.",
                     "Which questions and wishes impact entrepreneurs have."],
        "explanation": (
            "Voordat u beleid maakt, wilt u weten welke impactondernemers er in uw stad of regio zijn. Er is nog "
            "geen wettelijke definitie; veel gemeenten kiezen de Europese of de vijf kenmerken van Social "
            "Enterprise NL en de SER. Bestaande registers en platforms (Code Sociale Ondernemingen, PSO, "
            "inkoopplatforms) helpen bij het vinden. Voer daarna het gesprek: wat heeft de ondernemer nodig?"),
        "explanation_en": (
            "Before you make policy, you want to know which impact entrepreneurs there are in your city or region. "
            "There is no legal definition yet; many municipalities choose the European definition or the five "
            "characteristics of Social Enterprise NL and the SER. Existing registers and platforms (Code Sociale "
            "Ondernemingen, PSO, procurement platforms) help you find them. Then start the conversation: what does "
            "the entrepreneur need?"),
        "examples": "Het Kennemer Inkoop Platform toont ruim 130 impactondernemingen uit de regio.",
        "examples_en": "The Kennemer Inkoop Platform shows more than 130 impact enterprises from the region.",
        "tips": [("Atlas impactondernemingen (City Deal)",
                  "Atlas impactondernemingen: an atlas of impact enterprises (City Deal, in Dutch)",
                  "https://citydealimpactondernemen.nl/voor-ondernemers/atlas-impact-ondernemingen/"),
                 ("Register Code Sociale Ondernemingen",
                  "Register of the Code Sociale Ondernemingen (in Dutch)",
                  "https://www.codesocialeondernemingen.nl/over-het-register/zoek-deelnemers"),
                 ("Wat zijn sociale ondernemingen? (Social Enterprise NL)",
                  "Wat zijn sociale ondernemingen? What are social enterprises? (Social Enterprise NL, in Dutch)",
                  "https://www.social-enterprise.nl/over-sociaal-ondernemen/wat-zijn-het")],
        "questions": [
            ("register", "linked", "Overzicht van de impactondernemers in uw gemeente, met contactpersonen.",
             "Overview of the impact entrepreneurs in your municipality, with contact persons.",
             "enterprises.register"),
            ("definition", "choice", "Welke definitie van een impactonderneming gebruikt u?",
             "Which definition of an impact enterprise do you use?",
             [("De Europese definitie", "The European definition"),
              ("De vijf kenmerken van Social Enterprise NL en de SER",
               "The five characteristics of Social Enterprise NL and the SER"),
              ("Een eigen definitie", "A definition of our own"), ("Nog geen", "None yet")]),
            ("talk-to", "open", "Met welke impactondernemers wilt u in gesprek?",
             "Which impact entrepreneurs would you like to talk to?", []),
            ("entrepreneur-questions", "open", "Welke vragen leven er bij impactondernemers?",
             "What questions do impact entrepreneurs have?", []),
        ],
    },
    {
        "number": 4, "theme": 2, "title": "Wat gebeurt er al voor impactondernemers?",
        "title_en": "What is already being done for impact entrepreneurs?",
        "goals": ["Hoe uw huidige ondernemersdienstverlening eruitziet.",
                  "Welke landelijke en regionale instrumenten er voor impactondernemers zijn."],
        "goals_en": ["What your current services for entrepreneurs look like.",
                     "Which national and regional instruments there are for impact entrepreneurs."],
        "explanation": (
            "Goede ondernemersdienstverlening is voor alle ondernemers belangrijk. Impactondernemers lopen "
            "daarnaast tegen eigen vragen aan: financiering van een gemengd verdienmodel, personeel met een "
            "afstand tot de arbeidsmarkt, inkoop. Breng in kaart wat er al is, in uw eigen organisatie en bij "
            "kennisinstellingen, netwerken en programma's in de regio."),
        "explanation_en": (
            "Good services for entrepreneurs matter to every entrepreneur. Impact entrepreneurs also run into "
            "questions of their own: financing a hybrid business model, staff at a distance from the labour "
            "market, procurement. Map what already exists, in your own organisation and at knowledge institutions, "
            "networks and programmes in the region."),
        "examples": "Hogescholen zoals de Hanzehogeschool en de HvA onderzoeken sociaal ondernemerschap; "
                    "regionale netwerken zoals Impact033 en De Stadsgarage bieden een loket.",
        "examples_en": "Universities of applied sciences such as the Hanzehogeschool and the HvA research social "
                       "entrepreneurship; regional networks such as Impact033 and De Stadsgarage offer a front desk.",
        "tips": [("Wegwijzers voor ondernemers (Social Enterprise NL)",
                  "Wegwijzers voor ondernemers: signposts for entrepreneurs (Social Enterprise NL, in Dutch)",
                  "https://www.social-enterprise.nl/advies-voor-ondernemers/wegwijzers"),
                 ("Kennisbank Voorgoed Agency", "Kennisbank Voorgoed Agency: knowledge base (in Dutch)",
                  "https://www.voorgoedagency.nl/kennisbank/")],
        "questions": [
            ("knowledge", "linked", "Welke instrumenten staan in de kennisbank van het portaal?",
             "Which instruments are in the portal's knowledge base?", "brokers.knowledge"),
            ("services-now", "open", "Hoe ziet de ondernemersdienstverlening er op dit moment uit?",
             "What do your services for entrepreneurs look like at the moment?", []),
            ("service-checklist", "checklist", "Wat biedt uw organisatie al?",
             "What does your organisation already offer?",
             [("Eén loket of aanspreekpunt", "A single front desk or point of contact"),
              ("Persoonlijk contact met een accountmanager", "Personal contact with an account manager"),
              ("Online helpdesk", "Online helpdesk"), ("Cursussen of trainingen", "Courses or training"),
              ("Doorverwijzing naar de juiste afdeling", "Referral to the right department"),
              ("Netwerkbijeenkomsten", "Networking events")]),
        ],
    },
    {
        "number": 5, "theme": 2, "title": "Welke andere domeinen zijn betrokken bij impact ondernemen?",
        "title_en": "Which other policy areas are involved in impact entrepreneurship?",
        "goals": ["Welke domeinen in uw organisatie met impact ondernemen te maken hebben.",
                  "Wat het huidige beleid is en wat collega's willen."],
        "goals_en": ["Which policy areas in your organisation have to do with impact entrepreneurship.",
                     "What the current policy is and what colleagues want."],
        "explanation": (
            "Impactondernemers werken domeinoverstijgend: economie, werk en inkomen, inkoop, vastgoed, "
            "duurzaamheid en zorg. Wie weet welk beleid er al is en wat collega's ervan vinden, kan gericht "
            "verbinden. Gebruik de vragen als gespreksleidraad met collega's."),
        "explanation_en": (
            "Impact entrepreneurs work across policy areas: economy, work and income, procurement, real estate, "
            "sustainability and care. If you know what policy already exists and what colleagues think of it, you "
            "can make targeted connections. Use the questions as a guide for your conversations with colleagues."),
        "examples": "", "examples_en": "", "tips": [],
        "questions": [
            ("domains", "multiple", "Welke domeinen zijn bij u betrokken?",
             "Which policy areas are involved in your organisation?",
             [("Economie", "Economy"), ("Werk en inkomen", "Work and income"), ("Inkoop", "Procurement"),
              ("Vastgoed", "Real estate"), ("Duurzaamheid", "Sustainability"), ("Zorg en welzijn", "Care and welfare"),
              ("Vergunningen", "Permits")]),
            ("mvoi-policy", YES_NO, "Heeft de afdeling inkoop al beleid voor maatschappelijk verantwoord inkopen?",
             "Does the procurement department already have a policy on socially responsible procurement?", []),
            ("sroi", "open", "Hoe is de SROI-verplichting in uw gemeente geregeld?",
             "How is the social return (SROI) obligation arranged in your municipality?", []),
            ("subsidies", YES_NO, "Bestaan er subsidieregelingen voor impactondernemers?",
             "Are there grant schemes for impact entrepreneurs?", []),
        ],
    },
    {
        "number": 6, "theme": 3, "title": "Ontwikkel een visie op impact ondernemen",
        "title_en": "Develop a vision on impact entrepreneurship",
        "goals": ["Hoe verschillende visies eruitzien en wat ze opleveren.",
                  "Wie betrokken moeten zijn bij het maken van een visie."],
        "goals_en": ["What different visions look like and what they achieve.",
                     "Who should be involved in drawing up a vision."],
        "explanation": (
            "U kunt na het verkennen direct een actieprogramma maken. Toch ervaren veel makelaars dat een "
            "gedeelde visie – een stip op de horizon – richting geeft en draagvlak bouwt. Betrek ondernemers, "
            "collega's, bestuur en partners bij het maken ervan."),
        "explanation_en": (
            "After exploring, you can go straight on to an action programme. Even so, many brokers find that a "
            "shared vision – a point on the horizon – gives direction and builds support. Involve entrepreneurs, "
            "colleagues, the executive and partners in drawing it up."),
        "examples": "Groningen en Haarlem legden hun visie vast in een actieprogramma impact ondernemen.",
        "examples_en": "Groningen and Haarlem set down their vision in an action programme for impact "
                       "entrepreneurship.",
        "tips": [("Actieprogramma Ondernemen met impact 2019-2022 (Groningen)",
                  "Actieprogramma Ondernemen met impact 2019-2022: action programme for enterprise with impact "
                  "(Groningen, in Dutch)",
                  "https://gemeente.groningen.nl/file/actieprogramma-ondernemen-met-impact-2019-2022")],
        "questions": [
            ("inspiring-vision", "choice", "Welke manier van werken aan een visie past het best bij uw context?",
             "Which way of working on a vision best suits your situation?",
             [("Eerst een brede visie, dan een agenda", "First a broad vision, then an agenda"),
              ("Een visie als onderdeel van de economische visie", "A vision as part of the economic vision"),
              ("Een visie samen met ondernemers opgesteld", "A vision drawn up together with entrepreneurs"),
              ("Nog geen visie: eerst doen", "No vision yet: act first")]),
            ("involve", "open", "Wie betrekt u bij het ontwikkelen van de visie?",
             "Whom will you involve in developing the vision?", []),
            ("vision", "open", "Wat is uw stip op de horizon? Noteer uw (eerste) visie.",
             "What is your point on the horizon? Write down your (first) vision.", []),
        ],
    },
    {
        "number": 7, "theme": 4, "title": "Innoveren binnen en buiten de organisatie",
        "title_en": "Innovating inside and outside the organisation",
        "goals": ["Hoe u op strategisch niveau aan de slag gaat.", "Hoe koplopers met externe partijen werken.",
                  "Welke rollen de makelaar heeft.", "Of een actieagenda zinvol is."],
        "goals_en": ["How to get to work at a strategic level.", "How front-runners work with external parties.",
                     "Which roles the broker has.", "Whether an action agenda makes sense."],
        "explanation": (
            "In de praktijk zien we drie paden: (1) visie, actieagenda, uitvoeren en de organisatie meenemen; "
            "(2) eerst doen (dienstverlening, netwerk), dan een visie en strategisch werk, en een agenda als het "
            "rijp is; (3) laaghangend fruit plukken, successen vieren, collega's betrekken en toewerken naar een "
            "programma. Kies wat bij uw organisatie past."),
        "explanation_en": (
            "In practice we see three paths: (1) vision, action agenda, implementation and bringing the "
            "organisation along; (2) act first (services, network), then a vision and strategic work, and an agenda "
            "when the time is right; (3) pick the low-hanging fruit, celebrate successes, involve colleagues and "
            "work towards a programme. Choose what suits your organisation."),
        "examples": "Haarlem stelde op 19 mei 2020 het Actieprogramma Impact Ondernemen 2020-2024 vast met de "
                    "lijnen dienstverlening, netwerk, handel, investeren en communicatie.",
        "examples_en": "On 19 May 2020 Haarlem adopted the Actieprogramma Impact Ondernemen 2020-2024 (its action "
                       "programme for impact entrepreneurship), with the lines services, network, trade, "
                       "investment and communication.",
        "tips": [],
        "questions": [
            ("path", "choice", "Welke manier van innoveren past bij uw organisatie?",
             "Which way of innovating suits your organisation?",
             [("Pad 1: visie → actieagenda → uitvoeren", "Path 1: vision → action agenda → implementation"),
              ("Pad 2: eerst doen → visie → agenda", "Path 2: act first → vision → agenda"),
              ("Pad 3: laaghangend fruit → vieren → programma", "Path 3: low-hanging fruit → celebrate → programme")]),
            ("action-agenda", YES_NO, "Stelt u een actieagenda op?", "Will you draw up an action agenda?", []),
            ("external-partners", "open", "Met welke externe partijen werkt u samen, en hoe?",
             "Which external parties do you work with, and how?", []),
        ],
    },
    {
        "number": 8, "theme": 4, "title": "Het ecosysteem versterken",
        "title_en": "Strengthening the ecosystem",
        "goals": ["Hoe een succesvol ecosysteem eruitziet.", "Hoe u een ecosysteem opbouwt."],
        "goals_en": ["What a successful ecosystem looks like.", "How to build an ecosystem."],
        "explanation": (
            "U hoeft het niet alleen te doen. Met een brede kring van partijen in de regio – ondernemers, "
            "financiers, onderwijs, netwerken, overheden – komt u verder. Kijk welke partijen welke schakel van "
            "het ecosysteem vullen, welke schakels leeg zijn en wie ze zou kunnen vullen."),
        "explanation_en": (
            "You do not have to do it alone. With a broad circle of parties in the region – entrepreneurs, "
            "funders, education, networks, public authorities – you will get further. Look at which parties fill "
            "which link of the ecosystem, which links are empty and who could fill them."),
        "examples": "", "examples_en": "", "tips": [],
        "questions": [
            ("map", "linked", "Welke partijen vullen welke schakel van het ecosysteem, en waar zitten gaten?",
             "Which parties fill which link of the ecosystem, and where are the gaps?", "ecosystem.map"),
            ("boundaries", "open", "Wat zijn de grenzen van uw ecosysteem, in regio en in doelgroep?",
             "Where are the boundaries of your ecosystem, in region and in target group?", []),
            ("role", "choice", "Welke rol neemt uw organisatie in het ecosysteem?",
             "Which role does your organisation take in the ecosystem?",
             [("Regisseur", "Orchestrator"), ("Aanjager", "Driving force"), ("Deelnemer", "Participant"),
              ("Financier", "Funder")]),
        ],
    },
    {
        "number": 9, "theme": 4, "title": "Aan de slag met impactvol inkopen",
        "title_en": "Getting to work on procurement with impact",
        "goals": ["Welke mogelijkheden er zijn om bij impactondernemers in te kopen.",
                  "Hoe u hun kans in een aanbesteding vergroot.", "Welke regels (lijken te) knellen."],
        "goals_en": ["Which options there are for buying from impact entrepreneurs.",
                     "How to improve their chances in a tender.", "Which rules are (or seem to be) a constraint."],
        "explanation": (
            "Inkoop is een krachtig instrument: direct inkopen bij impactondernemers of via social return "
            "(SROI). Obstakels zitten vaak in de procedure en in de gewoonte. Een inkoopplatform maakt "
            "impactondernemers zichtbaar voor inkopers."),
        "explanation_en": (
            "Procurement is a powerful instrument: buying directly from impact entrepreneurs or through social "
            "return (SROI). Obstacles often lie in the procedure and in habit. A procurement platform makes impact "
            "entrepreneurs visible to buyers."),
        "examples": "Het Kennemer Inkoop Platform en Buy Social brengen inkopers en impactondernemers samen.",
        "examples_en": "The Kennemer Inkoop Platform and Buy Social bring buyers and impact entrepreneurs together.",
        "tips": [("Kennemer Inkoop Platform", "Kennemer Inkoop Platform (in Dutch)",
                  "https://kennemerinkoopplatform.nl/"),
                 ("Buy Social marktplaats", "Buy Social marketplace (in Dutch)", "https://buy-social.nl/market/")],
        "questions": [
            ("sroi-figures", "linked", "Wat leveren social return en inkoop bij impactondernemers nu op?",
             "What do social return and buying from impact entrepreneurs achieve at present?", "procurement.sroi"),
            ("mvoi-manifest", YES_NO, "Heeft uw organisatie het manifest MVOI ondertekend?",
             "Has your organisation signed the Manifest MVOI on socially responsible procurement?", []),
            ("obstacles", "open", "Welke obstakels ervaren collega's bij maatschappelijk verantwoord inkopen?",
             "Which obstacles do colleagues come up against in socially responsible procurement?", []),
            ("platform", YES_NO, "Is er in uw regio al een inkoopplatform?",
             "Is there already a procurement platform in your region?", []),
        ],
    },
    {
        "number": 10, "theme": 4, "title": "Financiering voor impactondernemers",
        "title_en": "Financing for impact entrepreneurs",
        "goals": ["Welke stappen koplopers zetten bij impactvol financieren.",
                  "Wat resultaatfinanciering is.", "Wat place-based impact investing is."],
        "goals_en": ["Which steps front-runners take in financing with impact.",
                     "What outcome-based financing is.", "What place-based impact investing is."],
        "explanation": (
            "Financiering is voor impactondernemers lastiger, omdat hun verdienmodel maatschappelijke waarde "
            "bevat die niet vanzelf betaald wordt. Resultaatfinanciering betaalt voor bereikte uitkomsten; een "
            "MKBA maakt de maatschappelijke baten zichtbaar."),
        "explanation_en": (
            "Financing is harder for impact entrepreneurs, because their business model includes social value "
            "that nobody pays for as a matter of course. Outcome-based financing pays for outcomes achieved; a "
            "social cost-benefit analysis (MKBA) makes the social benefits visible."),
        "examples": "Uit een analyse van 14 businesscases met een MKBA bleken de baten gemiddeld 1,6 keer de kosten.",
        "examples_en": "An analysis of 14 business cases with a social cost-benefit analysis found that the benefits "
                       "were on average 1.6 times the costs.",
        "tips": [("Impactstrategie SIFR", "Impactstrategie SIFR: SIFR's impact strategy (in Dutch)",
                  "https://sifr.nl/wat-maakt-ons-anders/impact")],
        "questions": [
            ("financing", "linked", "Welke financieringsinstrumenten, MKBA's en resultaatcontracten zijn er?",
             "Which financing instruments, social cost-benefit analyses and outcome-based contracts are there?",
             "financing.overview"),
            ("change", "open", "Wat zou u aan de financiering van impactondernemers willen veranderen?",
             "What would you like to change about the financing of impact entrepreneurs?", []),
        ],
    },
    {
        "number": 11, "theme": 4, "title": "Ruimte voor impactondernemers",
        "title_en": "Space for impact entrepreneurs",
        "goals": ["Waarom de overheid ruimte voor impactondernemers maakt.",
                  "Waarop de makelaar kan inzetten om vastgoed beschikbaar te maken."],
        "goals_en": ["Why government makes space for impact entrepreneurs.",
                     "What the broker can focus on to make property available."],
        "explanation": (
            "Ruimte is schaars en marktconforme huren zijn voor startende impactondernemers een drempel. "
            "Gemeenten en provincies bezitten vastgoed en kunnen ruimte maatschappelijk inzetten."),
        "explanation_en": (
            "Space is scarce and market rents are a barrier for impact entrepreneurs who are just starting out. "
            "Municipalities and provinces own property and can use space for social purposes."),
        "examples": "", "examples_en": "",
        "tips": [("Stadmakersfonds", "Stadmakersfonds (in Dutch)", "https://stadmakersfonds.nl/")],
        "questions": [
            ("property", "linked", "Welk vastgoed en welke ruimtevragen zijn er?",
             "Which property is there, and which requests for space?", "ecosystem.real_estate"),
            ("available", YES_NO, "Heeft u vastgoed beschikbaar voor impactondernemers?",
             "Do you have property available for impact entrepreneurs?", []),
            ("opportunities", "open", "Waar ziet u kansen om meer ruimte beschikbaar te stellen?",
             "Where do you see opportunities to make more space available?", []),
        ],
    },
    {
        "number": 12, "theme": 4, "title": "Regionaal samenwerken",
        "title_en": "Working together regionally",
        "goals": ["De voordelen van regionale samenwerking.", "Voorbeelden van regionale samenwerking."],
        "goals_en": ["The benefits of regional cooperation.", "Examples of regional cooperation."],
        "explanation": (
            "Veel impactondernemers werken in meerdere gemeenten, met verschillende regels voor bijvoorbeeld "
            "social return. Regionale samenwerking maakt regels eenduidiger en deelt een platform."),
        "explanation_en": (
            "Many impact entrepreneurs work in several municipalities, each with different rules for social return, "
            "for example. Regional cooperation makes the rules more consistent and shares a platform."),
        "examples": "In Zuid-Kennemerland en IJmond werken zeven gemeenten samen rond één inkoopplatform.",
        "examples_en": "In Zuid-Kennemerland and IJmond, seven municipalities work together around a single "
                       "procurement platform.",
        "tips": [("City Deal Impact Ondernemen", "City Deal Impact Ondernemen (in Dutch)",
                  "https://agendastad.nl/content/uploads/2022/06/1MIN0128.02-CityDeal-ImpactOndernemen_A4.pdf")],
        "questions": [
            ("collaborations", "linked", "Met wie werkt u in de regio al samen?",
             "Whom do you already work with in the region?", "ecosystem.collaborations"),
            ("interest", YES_NO, "Lijkt regionale samenwerking u interessant?",
             "Does regional cooperation appeal to you?", []),
            ("neighbours", "open", "Welke omliggende gemeenten zijn ook met impact ondernemen bezig?",
             "Which neighbouring municipalities are also working on impact entrepreneurship?", []),
        ],
    },
    {
        "number": 13, "theme": 5, "title": "Zicht op impact",
        "title_en": "Insight into impact",
        "goals": ["Hoe u de voortgang op uw doelen in kaart brengt.", "Hoe u uw eigen impact zichtbaar maakt.",
                  "Hoe u ondernemers helpt hun impact te meten."],
        "goals_en": ["How to map progress towards your goals.", "How to make your own impact visible.",
                     "How to help entrepreneurs measure their impact."],
        "explanation": (
            "Meten helpt bijsturen en verantwoorden. Kies een paar indicatoren die passen bij uw doelen, meet "
            "ze regelmatig en zeg altijd hoe een cijfer tot stand kwam (gemeten, geschat of zelf opgegeven)."),
        "explanation_en": (
            "Measuring helps you to adjust course and to account for your work. Choose a few indicators that suit "
            "your goals, measure them regularly and always say how a figure came about (measured, estimated or "
            "self-reported)."),
        "examples": "Maex maakt de sociale handafdruk van ondernemers zichtbaar.",
        "examples_en": "Maex makes the social handprint of entrepreneurs visible.",
        "tips": [("Eenduidiger meten en rapporteren van SDG-impact (PIANOo)",
                  "Eenduidiger meten en rapporteren van SDG-impact: measuring and reporting SDG impact more "
                  "consistently (PIANOo, in Dutch)",
                  "https://open.overheid.nl/documenten/ronl-2a666c26-a94b-42fb-bcf6-2d1bdceee01b/pdf"),
                 ("Maex", "Maex (in Dutch)", "https://maex.nl/utrecht/#/home")],
        "questions": [
            ("indicators", "linked", "Welke indicatoren volgt u, en hoe staan ze ervoor?",
             "Which indicators do you track, and how are they doing?", "monitoring.indicators"),
            ("measure", "multiple", "Wat wilt u meten?", "What do you want to measure?",
             [("Aantal impactondernemers", "Number of impact entrepreneurs"),
              ("Werkplekken voor mensen met een afstand tot de arbeidsmarkt",
               "Jobs for people at a distance from the labour market"),
              ("Inkoop bij impactondernemers", "Procurement from impact entrepreneurs"),
              ("SROI-realisatie", "SROI achieved"), ("CO2-reductie", "CO2 reduction")]),
        ],
    },
]
